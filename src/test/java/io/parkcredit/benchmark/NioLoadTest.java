package io.parkcredit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load generator's answer parsing: an answer is complete only when all of it has arrived. */
class NioLoadTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The answer parsed from all of {@code all}, after checking that no shorter prefix passes as complete. */
    private static RawHttp.Response completeOnlyWhenWhole(byte[] all) {
        for (int n = 0; n < all.length; n++) {
            assertThat(NioLoad.complete(all, n)).as("first %d bytes", n).isNull();
        }
        return NioLoad.complete(all, all.length);
    }

    @Test
    void anAnswerWithContentLengthIsCompleteWhenItsBodyIsIn() {
        byte[] body = bytes("{\"id\":\"银行\"}");
        byte[] all = bytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n{\"id\":\"银行\"}");
        RawHttp.Response r = completeOnlyWhenWhole(all);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"id\":\"银行\"}");
    }

    @Test
    void aChunkedAnswerIsJoinedAndCompleteOnlyAfterItsLastChunk() {
        byte[] all = bytes("HTTP/1.1 409 Conflict\r\ntransfer-encoding: chunked\r\n\r\n"
                + "5\r\n{\"a\":\r\n3;x=1\r\n12}\r\n0\r\n\r\n");
        RawHttp.Response r = completeOnlyWhenWhole(all);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body()).isEqualTo("{\"a\":12}");
    }

    @Test
    void anAnswerWithoutBodyNeedsOnlyItsHead() {
        byte[] all = bytes("HTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n");
        assertThat(NioLoad.complete(all, all.length - 1)).isNull();
        assertThat(NioLoad.complete(all, all.length).length()).isZero();
    }

    @Test
    void theIdsOfAPageAreReadFromItsBytes() {
        byte[] page = bytes("{\"items\":[{\"id\":18,\"name\":\"{\\\"id\\\":\"},{\"id\":9007199254740993,\"x\":1},{\"id\":x}],\"total\":2}");
        List<Long> ids = new ArrayList<>();
        new RawHttp.Response(200, page, page.length).numbersAfter(bytes("{\"id\":"), ids::add);
        assertThat(ids).containsExactly(18L, 9007199254740993L);
    }

    @Test
    void requestsLeaveWithTheirLengthAndBody() {
        String post = new String(NioLoad.post("/api/x/1/offers", "Basic YQ==", "{\"rate\":4.2}"), StandardCharsets.UTF_8);
        assertThat(post).startsWith("POST /api/x/1/offers HTTP/1.1\r\n").contains("Authorization: Basic YQ==\r\n")
                .contains("Content-Length: 12\r\n").endsWith("\r\n\r\n{\"rate\":4.2}");
        assertThat(new String(NioLoad.get("/api/y", "Basic YQ=="), StandardCharsets.ISO_8859_1))
                .startsWith("GET /api/y HTTP/1.1\r\n").endsWith("\r\n\r\n");
    }
}
