package io.parkcredit.sharing;

import io.parkcredit.shared.ProblemException;
import io.parkcredit.shared.Reason;
import java.util.List;
import java.util.Map;

/**
 * Why the sharing flow refuses a step (DOMAIN.md §10.3), each its own problem type
 * ({@code https://parkcredit.io/problems/<code>}) and message in {@link SharingMsg}.
 */
enum Refusal {
    PACKAGE_MALFORMED(422, "sharing-package-malformed", "数据包无法读取 The package cannot be read"),
    SOURCE_UNTRUSTED(409, "sharing-source-untrusted", "来源安装不受信任 The source installation is not trusted"),
    SIGNATURE_INVALID(422, "sharing-signature-invalid", "清单签名无效 The manifest's signature does not verify"),
    FILE_TAMPERED(422, "sharing-file-tampered", "文件与清单不符 A file differs from the manifest"),
    WRONG_TARGET(409, "sharing-wrong-target", "数据包不是发给本园区的 The package is not for this park"),
    NO_REQUEST(409, "sharing-no-request", "本园区没有对应的请求 No request of this park matches"),
    CONSENT_EXPIRED(409, "sharing-consent-expired", "企业授权已过期 The firm's consent has expired"),
    ALREADY_IMPORTED(409, "sharing-already-imported", "该导出已导入 This export was already imported"),
    NO_CONSENT(409, "sharing-no-consent", "没有有效的企业授权 No live consent of the firm"),
    NOT_PENDING(409, "sharing-decided", "该请求已处理 The request was already decided"),
    PEER_UNVERIFIED(403, "sharing-peer-unverified", "对等安装的签名无效 No valid signature of a trusted installation"),
    PEER_FAILED(502, "sharing-peer-failed", "对等安装未接受 The peer installation did not accept the call");

    final int status;
    final String code;
    final String title;

    Refusal(int status, String code, String title) {
        this.status = status;
        this.code = code;
        this.title = title;
    }

    /** The problem+json of this refusal, its parameters beside the detail. */
    ProblemException problem(String detail, Map<String, Object> params) {
        Object[] pairs = new Object[params.size() * 2 + 2];
        int i = 0;
        for (var e : params.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue();
        }
        pairs[i++] = "detail";
        pairs[i] = detail;
        ProblemException p = new ProblemException(status, code, title, detail, List.of())
                .withReason(Reason.of(messageCode(), pairs));
        params.forEach((k, v) -> p.with(k, String.valueOf(v)));
        return p;
    }

    ProblemException problem(String detail) {
        return problem(detail, Map.of());
    }

    /** {@code sharing-file-tampered} → {@code sharingFileTampered}, its message in {@link SharingMsg}. */
    String messageCode() {
        return java.util.regex.Pattern.compile("-([a-z])").matcher(code).replaceAll(m -> m.group(1).toUpperCase());
    }
}
