package io.parkcredit.policy;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The policy pages (DOMAIN.md §10.2); English in {@code messages/pol_en.properties}. */
@MessageBundle(value = "pol", locale = "zh-CN")
public interface PolicyMsg {

    @Message("惠企政策")
    String nav();

    @Message("我的政策")
    String navMine();
}
