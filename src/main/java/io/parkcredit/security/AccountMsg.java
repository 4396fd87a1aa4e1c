package io.parkcredit.security;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the account pages: Chinese first (zh-CN, here), English in
 * {@code messages/acct_en.properties}. Templates use them as {@code {acct:title}}.
 */
@MessageBundle(value = "acct", locale = "zh-CN")
public interface AccountMsg {

    @Message("修改密码")
    String passwordTitle();

    @Message("当前密码")
    String currentPassword();

    @Message("新密码")
    String newPassword();

    @Message("密码至少 10 个字符，并包含小写字母、大写字母、数字、其他字符中的三类（16 个字符以上的短语不限）；不能是常见密码，也不能只是用户名加几个字符。")
    String passwordRules();

    @Message("密码已修改，您在其他地方的登录已结束。")
    String passwordChanged();

    @Message("登录失败次数过多，请 {seconds} 秒后再试。")
    String throttled(long seconds);

    @Message("状态")
    String status();

    @Message("已启用")
    String enabled();

    @Message("已停用")
    String disabled();

    @Message("停用")
    String disable();

    @Message("启用")
    String enable();

    @Message("保存")
    String save();
}
