package io.parkcredit.shared;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The error page's texts by HTTP status; English in {@code messages/problem_en.properties}. */
@MessageBundle(value = "problem", locale = "zh-CN")
public interface ProblemMsg {

    @Message("{#when status}{#is 400}请求错误{#is 401}未登录{#is 403}无权访问{#is 404}未找到{#is 409}冲突"
            + "{#is 422}输入无效{#is 500}内部错误{#else}错误{/when}")
    String title(int status);

    @Message("返回上一页")
    String back();

    @Message("第 {line} 行")
    String line(Object line);
}
