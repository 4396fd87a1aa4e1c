package io.parkcredit.supervision;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The supervision pages (DOMAIN.md §10.1); English in {@code messages/sup_en.properties}. */
@MessageBundle(value = "sup", locale = "zh-CN")
public interface SupervisionMsg {

    @Message("双随机抽查")
    String nav();
}
