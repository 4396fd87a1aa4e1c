package io.parkcredit.monitoring;

import static io.parkcredit.testing.Fixtures.asAdmin;
import static io.parkcredit.testing.MonitoringFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.parkcredit.shared.ClockProducer;
import io.parkcredit.testing.MonitoringFixtures;
import io.parkcredit.testing.MonitoringFixtures.Firm;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.junit.jupiter.api.Test;

/** The SMPP sender against an in-process SMS centre (jsmpp server) that answers with a delivery receipt. */
@QuarkusTest
class SmppSenderTest {

    /** The vendor-specific parameter the operator agreed for the outbox id. */
    static final short OUT_ID_TAG = 0x1401;

    @Inject
    SmsDispatcher dispatcher;

    /** A minimal SMSC: accepts one bind, records each submit, answers a message id and then a DELIVRD receipt. */
    static final class FakeSmsc implements AutoCloseable {
        final SMPPServerSessionListener listener;
        final List<String> texts = new CopyOnWriteArrayList<>();
        /** Per submit: user_message_reference and the text of the vendor parameter 0x1401 (null when absent). */
        final List<Integer> references = new CopyOnWriteArrayList<>();
        final List<String> outIds = new CopyOnWriteArrayList<>();
        final List<String> systemIds = new CopyOnWriteArrayList<>();
        final ExecutorService threads = Executors.newCachedThreadPool();
        final AtomicInteger ids = new AtomicInteger(1000);
        final int port;

        FakeSmsc() throws Exception {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            listener = new SMPPServerSessionListener(port);
            threads.submit(this::serve);
        }

        private Void serve() throws Exception {
            SMPPServerSession session = listener.accept();
            session.setMessageReceiverListener(new ServerMessageReceiverListener() {
                @Override
                public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession source) {
                    byte[] payload = null;
                    int reference = -1;
                    String outId = "none";
                    for (OptionalParameter p : submit.getOptionalParameters()) {
                        if (p.tag == OptionalParameter.Tag.MESSAGE_PAYLOAD.code()) {
                            payload = ((OptionalParameter.OctetString) p).getValue();
                        } else if (p.tag == OptionalParameter.Tag.USER_MESSAGE_REFERENCE.code()) {
                            reference = ((OptionalParameter.Short) p).getValue() & 0xFFFF;
                        } else if (p.tag == OUT_ID_TAG) {
                            outId = new String(((OptionalParameter.OctetString) p).getValue(), StandardCharsets.US_ASCII);
                        }
                    }
                    references.add(reference);
                    outIds.add(outId);
                    texts.add(new String(payload == null ? submit.getShortMessage() : payload, StandardCharsets.UTF_16BE));
                    String id = Integer.toHexString(ids.incrementAndGet());
                    String destination = submit.getDestAddress();
                    threads.submit(() -> {
                        DeliveryReceipt receipt = new DeliveryReceipt(id, 1, 1, new Date(), new Date(),
                                DeliveryReceiptState.DELIVRD, "000", "");
                        source.deliverShortMessage("CMT", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, destination,
                                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "106900000000",
                                new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                                (byte) 0, (byte) 0, new RegisteredDelivery(0), new GeneralDataCoding(Alphabet.ALPHA_DEFAULT),
                                receipt.toString().getBytes(StandardCharsets.US_ASCII));
                        return null;
                    });
                    try {
                        return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) {
                    return null;
                }

                @Override
                public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) {
                    return null;
                }

                @Override
                public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) {
                }

                @Override
                public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) {
                }

                @Override
                public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) {
                    return null;
                }

                @Override
                public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source) {
                }

                @Override
                public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source) {
                    return null;
                }

                @Override
                public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
                    return null;
                }
            });
            BindRequest bind = session.waitForBind(10_000);
            systemIds.add(bind.getSystemId());
            bind.accept("fake-smsc");
            return null;
        }

        @Override
        public void close() throws Exception {
            threads.shutdownNow();
            listener.close();
        }
    }

    @Test
    void aMessageGoesOutInUcs2AndItsDeliveryReceiptMarksItDelivered() throws Exception {
        Firm firm = MonitoringFixtures.firm("短信中心");
        MonitoringFixtures.post(event(firm.uscc(), "SAFETY_VIOLATION", "SERIOUS", LocalDate.now().minusDays(1), "特种设备未检验"));
        try (FakeSmsc smsc = new FakeSmsc();
                SmppClient client = new SmppClient(new SmppClient.Settings("localhost", smsc.port, "parkcredit", "secret",
                        "106900000000", Duration.ofSeconds(5), (int) OUT_ID_TAG), (id, delivered, state) ->
                        dispatcher.receipt("smpp", id, delivered, state))) {
            SmsSender smpp = new SmsSender() {
                @Override
                public String name() {
                    return "smpp";
                }

                @Override
                public Outcome send(Message m) {
                    return client.submit(m.id(), m.mobile(), m.text());
                }
            };
            Instant now = LocalDate.now(ClockProducer.PARK_ZONE).plusDays(1).atTime(10, 0).atZone(ClockProducer.PARK_ZONE).toInstant();
            SmsDispatcher.Round r = dispatcher.dispatch(now, smpp, MonitoringFixtures.policy(10), 10, new String[] {firm.uscc()});
            assertThat(r.sent()).isEqualTo(1);
            assertThat(smsc.systemIds).containsExactly("parkcredit");
            long outboxId = asAdmin().get("/api/sms?uscc=" + firm.uscc()).then().extract().jsonPath().getLong("items[0].id");
            // the outbox id, where an SMS centre can drop a resent copy: whole in the agreed parameter, low 16 bits in the standard one
            assertThat(smsc.outIds).containsExactly(String.valueOf(outboxId));
            assertThat(smsc.references).containsExactly((int) (outboxId % 65536));
            assertThat(smsc.texts).singleElement().satisfies(t -> assertThat(t)
                    .startsWith("【园区信用通】" + firm.name()).contains("特种设备未检验"));
            MonitoringFixtures.await("the delivery receipt", Duration.ofSeconds(15), () -> "DELIVERED".equals(
                    asAdmin().get("/api/sms?uscc=" + firm.uscc()).then().extract().path("items[0].status")));
            assertThat(asAdmin().get("/api/sms?uscc=" + firm.uscc()).then().extract().jsonPath().getString("items[0].providerId"))
                    .isEqualTo(Integer.toHexString(1001));
        }
    }
}
