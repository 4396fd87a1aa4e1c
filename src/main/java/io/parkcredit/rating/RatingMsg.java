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

    @Message("办理")
    String ratingActions();

    @Message("申请信用评价")
    String ratingApply();

    @Message("以本企业名义提交信用评价申请，评价上一财务年度；平台审核资格后由评价机构现场评分。")
    String ratingApplyHint();

    @Message("暂不能申请：")
    String ratingApplyClosed();

    @Message("企业统一社会信用代码")
    String ratingApplyUscc();

    @Message("进行资格审查")
    String ratingQualify();

    @Message("按第十三条核对企业状态、入园、成立年限、营业收入和失信记录；未通过则申请结束并列出原因。")
    String ratingQualifyHint();

    @Message("资料初审通过，交评价机构")
    String ratingReview();

    @Message("初审意见")
    String ratingReviewNote();

    @Message("现场评分")
    String ratingScore();

    @Message("逐项填写现场评价指标的得分（0 至满分）；提交后平台计算全部 45 项指标并给出初评等级，企业可在异议期内提出异议。")
    String ratingScoreHint();

    @Message("提交评分")
    String ratingScoreSubmit();

    @Message("评分未保存：请更正标出的指标。")
    String ratingScoreInvalid();

    @Message("满分")
    String ratingMax();

    @Message("提出异议")
    String ratingObject();

    @Message("异议理由")
    String ratingObjectReason();

    @Message("接受初评结果")
    String ratingAccept();

    @Message("接受后异议期提前结束，结果交平台审定。")
    String ratingAcceptHint();

    @Message("企业异议")
    String ratingObjection();

    @Message("异议处理")
    String ratingResolve();

    @Message("处理意见")
    String ratingResolveAnswer();

    @Message("维持原评分")
    String ratingUphold();

    @Message("更正评分（按下列现场评分重新计算）")
    String ratingCorrect();

    @Message("提交处理意见")
    String ratingResolveSubmit();

    @Message("异议处理意见")
    String ratingObjectionAnswer();

    @Message("审定通过，开始公示")
    String ratingApprove();

    @Message("撤销信用等级")
    String ratingRevoke();

    @Message("撤销原因（严重失信行为）")
    String ratingRevokeReason();

    @Message("撤销后企业 3 年内不得重新申请。")
    String ratingRevokeHint();

    @Message("评价人员")
    String ratingEvaluator();

    @Message("初评等级")
    String ratingDraftGrade();

    @Message("须为 0 至 {max} 之间的数")
    String ratingScoreRange(double max);
}
