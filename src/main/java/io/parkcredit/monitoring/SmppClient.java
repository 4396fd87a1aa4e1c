package io.parkcredit.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 */
public class SmppClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SmppClient.class);

    /** Called for each delivery receipt: the SMSC's message id and whether the message was delivered. */
    @FunctionalInterface
    public interface Receipts {
        void receipt(String messageId, boolean delivered, String state);
    }

    public record Settings(String host, int port, String systemId, String password, String sourceAddr, Duration timeout) {
    }

    private final Settings settings;
    private final Receipts receipts;
    private SMPPSession session;

    public SmppClient(Settings settings, Receipts receipts) {
        this.settings = settings;
        this.receipts = receipts;
    }

    /** Submits one message; the SMSC's message id, or an exception when the centre cannot be reached or refuses. */
    public synchronized SmsSender.Outcome submit(String mobile, String text) {
        try {
            SMPPSession s = session();
            byte[] payload = text.getBytes(StandardCharsets.UTF_16BE);
            var result = s.submitShortMessage("CMT", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                    settings.sourceAddr(), TypeOfNumber.NATIONAL, NumberingPlanIndicator.ISDN, mobile, new ESMClass(),
                    (byte) 0, (byte) 1, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                    new GeneralDataCoding(Alphabet.ALPHA_UCS2), (byte) 0, new byte[0],
                    new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), payload));
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
