package io.parkcredit.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.util.DeliveryReceiptState;

/**
 * One SMPP 3.4 transceiver session to the SMS centre (jsmpp): submit_sm in UCS-2 (the text in the
 * message_payload parameter, so long Chinese texts need no segmenting here) with a delivery receipt
 * requested; receipts (deliver_sm) are handed to the {@link Receipts} callback. The session is
 * opened on first use and again after it dropped.
 *
 * <p><b>What SMPP can and cannot promise about repeats.</b> SMPP 3.4 has no idempotency key: a
 * submit_sm sent twice is two messages unless the SMS centre itself drops the repeat. Every submit
 * carries the outbox id where a centre can see it: the low 16 bits in {@code user_message_reference}
 * (0x0204, standard, but it wraps every 65,536 messages, so it is a hint, not a key) and, when the
 * operator agrees a vendor-specific tag ({@code parkcredit.monitoring.sms.smpp.out-id-tag}, 0x1400–0x3FFF),
 * the whole id as text in that parameter, which a centre configured for it can deduplicate on (and
 * which others must ignore, SMPP 3.4 §5.3). Without such a centre, a message is handed over again —
 * and may reach the phone twice — when the dispatcher died between the centre's answer and the
 * record of it, or when the answer (submit_sm_resp) was lost to a timeout; every other message is
 * handed over once.
 */
public class SmppClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SmppClient.class);

    /** Called for each delivery receipt: the SMSC's message id and whether the message was delivered. */
    @FunctionalInterface
    public interface Receipts {
        void receipt(String messageId, boolean delivered, String state);
    }

    /** {@code outIdTag}: the vendor-specific parameter carrying the whole outbox id, or null for none. */
    public record Settings(String host, int port, String systemId, String password, String sourceAddr, Duration timeout,
            Integer outIdTag) {
    }

    private final Settings settings;
    private final Receipts receipts;
    private SMPPSession session;

    public SmppClient(Settings settings, Receipts receipts) {
        this.settings = settings;
        this.receipts = receipts;
    }

    /**
     * Submits one message with its outbox id ({@code outId}, the same on every resend); the SMSC's
     * message id, or why the centre refused or could not be reached.
     */
    public synchronized SmsSender.Outcome submit(long outId, String mobile, String text) {
        try {
            SMPPSession s = session();
            byte[] payload = text.getBytes(StandardCharsets.UTF_16BE);
            List<OptionalParameter> params = new ArrayList<>(3);
            params.add(new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), payload));
            params.add(new OptionalParameter.User_message_reference((short) (outId & 0xFFFF)));
            if (settings.outIdTag() != null) {
                params.add(new OptionalParameter.OctetString(settings.outIdTag().shortValue(),
                        String.valueOf(outId).getBytes(StandardCharsets.US_ASCII)));
            }
            var result = s.submitShortMessage("CMT", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                    settings.sourceAddr(), TypeOfNumber.NATIONAL, NumberingPlanIndicator.ISDN, mobile, new ESMClass(),
                    (byte) 0, (byte) 1, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                    new GeneralDataCoding(Alphabet.ALPHA_UCS2), (byte) 0, new byte[0],
                    params.toArray(OptionalParameter[]::new));
            return SmsSender.Outcome.sent(result.getMessageId());
        } catch (NegativeResponseException e) {
            return SmsSender.Outcome.failed("SMSC refused: command status " + e.getCommandStatus());
        } catch (ResponseTimeoutException | IOException e) {
            closeSession();
            return SmsSender.Outcome.unavailable("SMSC unavailable: " + e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (Exception e) {
            return SmsSender.Outcome.failed("submit failed: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private SMPPSession session() throws IOException {
        if (session != null && session.getSessionState().isBound()) {
            return session;
        }
        closeSession();
        SMPPSession s = new SMPPSession();
        s.setTransactionTimer(settings.timeout().toMillis());
        s.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
                if (!MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
                    return;
                }
                try {
                    DeliveryReceipt r = deliverSm.getShortMessageAsDeliveryReceipt();
                    receipts.receipt(r.getId(), r.getFinalStatus() == DeliveryReceiptState.DELIVRD, String.valueOf(r.getFinalStatus()));
                } catch (Exception e) {
                    LOG.warnf("unreadable SMPP delivery receipt: %s", e.getMessage());
                }
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
                return null;
            }
        });
        s.connectAndBind(settings.host(), settings.port(), new BindParameter(BindType.BIND_TRX, settings.systemId(),
                settings.password(), "cp", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
                settings.timeout().toMillis());
        session = s;
        return s;
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.unbindAndClose();
            } catch (RuntimeException ignored) {
                // the connection is gone already
            }
            session = null;
        }
    }

    @Override
    public synchronized void close() {
        closeSession();
    }
}
