package io.parkcredit.park;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the parks and region pages: Chinese first (zh-CN, here), English in
 * {@code messages/parks_en.properties}. Templates use them as {@code {parks:title}}.
 */
@MessageBundle(value = "parks", locale = "zh-CN")
public interface ParkMsg {

    @Message("园区")
    String nav();

    @Message("园区管理")
    String title();

    @Message("园区代码")
    String code();

    @Message("园区名称")
    String name();

    @Message("企业数")
    String firms();

    @Message("创建时间")
    String createdAt();

    @Message("新建园区")
    String create();

    @Message("代码：2 到 32 个大写字母、数字、_ 或 -")
    String codeHint();

    @Message("更名")
    String rename();

    @Message("园区 {code} 已保存。")
    String saved(String code);

    @Message("园区")
    String park();

    @Message("可不填：园区管理员只能在本园区建用户；区域管理员不填时，企业与机构用户随其企业或机构所在园区")
    String parkCodeHint();

    @Message("区域")
    String regionNav();

    @Message("{year} 年区域园区对比")
    String regionTitle(int year);

    @Message("年度")
    String year();

    @Message("显示")
    String show();

    @Message("各园区 {year} 年已发布名单的人数，以及 {day} 有效的信用等级分布。")
    String regionIntro(int year, String day);

    @Message("名单")
    String lists();

    @Message("信用等级")
    String grades();

    @Message("已评级")
    String rated();

    @Message("未发布")
    String unpublished();

    @Message("各园区名单")
    String listChart();

    @Message("各园区等级分布")
    String gradeChart();

    @Message("红名单")
    String red();

    @Message("白名单")
    String white();

    @Message("黄名单")
    String yellow();

    @Message("未列入")
    String none();
}
