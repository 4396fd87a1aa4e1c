package io.parkcredit.rating;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the rating pages: Chinese first (zh-CN, here), English in
 * {@code messages/ratingMsg_en.properties}. Templates use them as {@code {ratingMsg:ratingTitle}}.
 */
@MessageBundle(value = "ratingMsg", locale = "zh-CN")
public interface RatingMsg {

    @Message("信用评价")
    String navRating();

    @Message("企业信用评价")
    String ratingTitle();

    @Message("企业申请信用评价，平台审核资格，第三方评价机构现场评分，平台计算 45 项指标并给出等级（AAA–C），公示后发布，有效期 3 年。")
    String ratingIntro();

    @Message("评价申请")
    String ratingApplications();

    @Message("已发布的信用等级")
    String ratingPublished();

    @Message("企业")
    String ratingColFirm();

    @Message("申请日期")
    String ratingColApplied();

    @Message("状态")
    String ratingColStatus();

    @Message("等级")
    String ratingColGrade();

    @Message("得分")
    String ratingColScore();

    @Message("有效期")
    String ratingColValidity();

    @Message("撤销于")
    String ratingRevokedOn();

    @Message("财务年度")
    String ratingFiscalYear();

    @Message("异议截止")
    String ratingObjectionDeadline();

    @Message("公示截止")
    String ratingPublicityUntil();

    @Message("企业信用评价报告")
    String ratingReport();

    @Message("资格审查")
    String ratingQualification();

    @Message("各维度得分")
    String ratingDimensions();

    @Message("如何提升信用等级")
    String ratingRaise();

    @Message("距上一等级还差（分）")
    String ratingPointsTo();

    @Message("指标得分明细")
    String ratingIndicators();

    @Message("指标")
    String ratingColIndicator();

    @Message("得分 / 满分")
    String ratingColPoints();

    @Message("取值与依据")
    String ratingColReason();
}
