package io.parkcredit.security;

import static io.parkcredit.security.Role.ADMIN;
import static io.parkcredit.security.Role.BANK;
import static io.parkcredit.security.Role.ENTERPRISE;
import static io.parkcredit.security.Role.EVALUATOR;
import static io.parkcredit.security.Role.GUARANTOR;
import static io.parkcredit.security.Role.INVESTMENT;
import static io.parkcredit.security.Role.REGULATOR;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may do what (DOMAIN.md §1): every action of the platform with the roles that may take it.
 * This table is the one place rights are decided. The services check it themselves
 * ({@link CurrentUser#require}), so the pages and the API, two doors to the same rooms, can never
 * grant more than it does; each page and API method names its action with {@link Performs}, and
 * the README's "Roles and rights" table is rendered from it.
 *
 * <p>A role in the table is necessary, not always sufficient: the {@link #scope} says which rows
 * the service then lets the role touch (its own firm, the requests routed to its institution…).
 */
public enum Action {

    // --- everyone, signed in or not
    SIGN_IN("security", "登录、退出、切换语言 Sign in, sign out, choose the language", true, "",
            ADMIN, REGULATOR, ENTERPRISE, BANK, GUARANTOR, EVALUATOR, INVESTMENT),

    START("security", "首页 The start page", false, "", ADMIN, REGULATOR, ENTERPRISE, BANK, GUARANTOR, EVALUATOR,
            INVESTMENT),

    ACCOUNT_PASSWORD("security", "修改本人密码 Change one's own password", false, "its own account", ADMIN, REGULATOR,
            ENTERPRISE, BANK, GUARANTOR, EVALUATOR, INVESTMENT),

    // --- users and audit
    USERS_MANAGE("security", "用户管理 List, create, disable and enable users", false, "", ADMIN),
    AUDIT_READ("security", "审计日志 Read the audit log", false, "", ADMIN),

    // --- data bundles (DOMAIN.md §3)
    BUNDLE_IMPORT("bundle", "导入数据包 Import a data bundle (or the demo park)", false, "", ADMIN),
    BUNDLE_EXPORT("bundle", "导出数据包 Export the data bundle", false, "", ADMIN),

    // --- enterprise registry
    ENTERPRISE_SEARCH("enterprise", "企业名录与概况 Search firms, read a firm's profile", false,
            "ENTERPRISE: its own firm", ADMIN, REGULATOR, ENTERPRISE, BANK, GUARANTOR, EVALUATOR, INVESTMENT),
    ENTERPRISE_PRIVATE_READ("enterprise", "企业私有数据 Portrait, loans, events, statements, flows", false,
            "ENTERPRISE: its own firm (banks and guarantors: through a financing consent)",
            ADMIN, REGULATOR, ENTERPRISE, EVALUATOR),

    // --- classification (DOMAIN.md §4)
    CLASSIFICATION_RUN("classification", "运行红白黄分类 Run a year's classification", false, "", ADMIN),
    CLASSIFICATION_PUBLISH("classification", "发布名单 Publish a run", false, "", ADMIN),
    CLASSIFICATION_READ("classification", "读取名单结果 Read runs and their results", false,
            "drafts: ADMIN; BANK, GUARANTOR: the RED list and the WHITE pool; ENTERPRISE: its own entry",
            ADMIN, REGULATOR, ENTERPRISE, BANK, GUARANTOR),
    CLASSIFICATION_OVERVIEW("classification", "年度概览与变动 Year overview, moves between lists", false, "",
            ADMIN, REGULATOR),
    CLASSIFICATION_NOTICES_READ("classification", "名单通知 Read list notices", false,
            "BANK, GUARANTOR: those sent to its institution", ADMIN, REGULATOR, BANK, GUARANTOR),
    CLASSIFICATION_RULES_READ("classification", "读取分类规则 Read the rule set", false, "", ADMIN, REGULATOR),
    CLASSIFICATION_RULES_CHANGE("classification", "修改分类规则 Change the rule set", false, "", ADMIN),

    // --- rating (DOMAIN.md §5)
    RATING_APPLY("rating", "申请信用评价 Apply for a rating", false, "ENTERPRISE: for its own firm", ADMIN, ENTERPRISE),
    RATING_APPLICATIONS_READ("rating", "读取评价申请 Read rating applications and reports", false,
            "ENTERPRISE: its own firm's", ADMIN, REGULATOR, ENTERPRISE, EVALUATOR),
    RATING_QUALIFY("rating", "资格审查 Check an application's qualification", false, "", ADMIN),
    RATING_REVIEW("rating", "初审 Preliminary review", false, "", ADMIN),
    RATING_SCORE("rating", "现场评分 Enter on-site scores", false, "", ADMIN, EVALUATOR),
    RATING_OBJECT("rating", "对初评提出异议 Object to the draft grade", false, "ENTERPRISE: the rated firm", ENTERPRISE),
    RATING_ACCEPT("rating", "接受初评 Accept the draft grade", false, "ENTERPRISE: the rated firm", ENTERPRISE),
    RATING_RESOLVE("rating", "处理异议 Resolve an objection", false, "", ADMIN, EVALUATOR),
    RATING_APPROVE("rating", "审批 Approve a grade", false, "", ADMIN),
    RATING_REVOKE("rating", "撤销等级 Revoke a published grade", false, "", ADMIN),
    RATINGS_PUBLISHED_READ("rating", "已发布等级 Read published grades", false, "",
            ADMIN, REGULATOR, ENTERPRISE, BANK, GUARANTOR, EVALUATOR, INVESTMENT),
    RATING_MODEL_READ("rating", "读取指标模型 Read the indicator model", false, "", ADMIN, REGULATOR, ENTERPRISE, EVALUATOR),
    RATING_MODEL_HISTORY("rating", "指标模型历史 Read the model's versions", false, "", ADMIN, REGULATOR, EVALUATOR),
    RATING_MODEL_CHANGE("rating", "修改指标模型 Change the indicator model", false, "", ADMIN),
    RATING_ANNUAL_REVIEW("rating", "年度复评 Run the annual review", false, "", ADMIN, EVALUATOR),
    RATING_ANNUAL_REVIEW_READ("rating", "复评结果 Read annual review results", false, "", ADMIN, REGULATOR, EVALUATOR),

    // --- monitoring (DOMAIN.md §6)
    CREDIT_EVENT_REPORT("monitoring", "报送信用事件 Report a credit event", false, "", ADMIN),
    ALERTS_READ("monitoring", "读取预警 Read alerts", false,
            "ENTERPRISE: its own firm's; BANK, GUARANTOR: those sent to its institution",
            ADMIN, REGULATOR, ENTERPRISE, BANK, GUARANTOR),
    ALERT_ACKNOWLEDGE("monitoring", "确认预警 Acknowledge an alert", false, "", ADMIN),
    SMS_READ("monitoring", "短信记录 Read the SMS outbox and attempts", false, "", ADMIN),
    MONITORING_TIMELINE("monitoring", "企业监护时间线 Read a firm's monitoring timeline", false,
            "ENTERPRISE: its own firm", ADMIN, REGULATOR, ENTERPRISE, EVALUATOR),
    MONITORING_RULES_READ("monitoring", "读取预警规则 Read alert rules", false, "", ADMIN, REGULATOR),
    MONITORING_RULES_CHANGE("monitoring", "修改预警规则 Change alert rules", false, "", ADMIN),
    MONITORING_SUBSCRIPTIONS("monitoring", "预警订阅 Manage alert subscriptions", false,
            "BANK, GUARANTOR: its own institution's", ADMIN, BANK, GUARANTOR),
    MONITORING_SCAN("monitoring", "运行提醒扫描 Run the reminder scans", false, "", ADMIN),

    // --- financing (DOMAIN.md §7)
    FINANCING_POST("financing", "发布应收账款融资申请 Post a receivable", false, "ENTERPRISE: as the seller", ENTERPRISE),
    FINANCING_READ("financing", "读取融资申请 Read requests, offers, consents, portrait accesses", false,
            "ENTERPRISE: as seller or debtor; BANK, GUARANTOR: requests routed to its institution",
            ADMIN, REGULATOR, ENTERPRISE, BANK, GUARANTOR),
    FINANCING_CONFIRM("financing", "债务人确认 Confirm the receivable", false, "ENTERPRISE: the debtor", ADMIN, ENTERPRISE),
    FINANCING_OVERRIDE("financing", "复核推送 Route a POOR request anyway", false, "", ADMIN),
    FINANCING_WITHDRAW("financing", "撤回申请 Withdraw a request", false, "ENTERPRISE: the seller", ENTERPRISE),
    FINANCING_CLAIM("financing", "领取申请 Claim a request", false, "routed to its institution", BANK, GUARANTOR),
    FINANCING_GUARANTEE("financing", "承诺担保 Commit a guarantee", false, "the claimant", GUARANTOR),
    FINANCING_OFFER("financing", "报价 Make an offer", false, "the claimant", BANK),
    FINANCING_ACCEPT("financing", "接受报价 Accept an offer", false, "ENTERPRISE: the seller", ENTERPRISE),
    FINANCING_DISBURSE("financing", "放款、还款 Record disbursement and repayment", false, "the bank of the accepted offer",
            BANK),
    FINANCING_CONSENT("financing", "授权查看画像 Grant or revoke a consent", false, "ENTERPRISE: the seller", ENTERPRISE),
    FINANCING_PORTRAIT("financing", "凭授权查看画像 Open the seller's portrait", false,
            "with the seller's live consent, while the request is open", BANK, GUARANTOR),
    PRODUCTS_MANAGE("financing", "发布、下架产品 Publish or withdraw a product", false, "its own institution's",
            BANK, GUARANTOR),
    PRODUCTS_READ("financing", "读取产品 Read products", false, "BANK, GUARANTOR: its own institution's",
            ADMIN, REGULATOR, BANK, GUARANTOR),
    FINANCING_FUNNEL("financing", "融资漏斗 Read the funnel", false, "", ADMIN, REGULATOR),

    // --- investment screening (DOMAIN.md §9)
    SCREENING("screening", "招商筛选与短名单 Screen prospects, keep shortlists", false, "", ADMIN, INVESTMENT),
    CHAIN_MAP_READ("screening", "读取产业链图谱 Read the chain map", false, "", ADMIN, INVESTMENT),
    CHAIN_MAP_CHANGE("screening", "修改产业链图谱 Change the chain map", false, "", ADMIN, INVESTMENT),

    // --- supervision, policies, back-testing (DOMAIN.md §10.1, §10.2, §10.4)
    INSPECTION_PLAN("supervision", "抽查计划与抽取 Plan an inspection period and draw the firms", false, "", ADMIN),
    INSPECTION_RESULT("supervision", "录入抽查结果 Record an inspection result", false, "", ADMIN),
    INSPECTIONS_READ("supervision", "读取抽查计划与结果 Read inspection plans, draws and results", false, "",
            ADMIN, REGULATOR),
    POLICY_MANAGE("policy", "政策发布与审批 Create and publish policies, decide applications", false, "", ADMIN),
    POLICY_READ("policy", "读取政策与匹配企业 Read policies and the firms they match", false, "", ADMIN, REGULATOR),
    POLICY_MINE("policy", "我的政策 Read the policies one's firm qualifies for, apply", false,
            "ENTERPRISE: its own firm", ENTERPRISE),
    BACKTEST_READ("backtest", "信用回测 Back-test grades and lists against the next year", false, "",
            ADMIN, REGULATOR),

    // --- commitments, objections, repair, publicity (DOMAIN.md §8)
    CREDIT_READ("credit", "信用承诺、异议与修复 Read commitments, objections, repairs and record windows", false,
            "ENTERPRISE: its own firm's", ADMIN, REGULATOR, ENTERPRISE),
    COMMITMENT_SIGN("credit", "签署信用承诺 Sign a commitment", false, "ENTERPRISE: for its own firm", ADMIN, ENTERPRISE),
    COMMITMENT_VERIFY("credit", "记录承诺核查结果 Record a commitment's outcome", false, "", ADMIN),
    OBJECTION_SUBMIT("credit", "提出异议 Object to an item, attach evidence", false, "ENTERPRISE: its own firm's items",
            ADMIN, ENTERPRISE),
    OBJECTION_DECIDE("credit", "处理异议 Refer and decide an objection", false, "", ADMIN),
    REPAIR_APPLY("credit", "申请信用修复 Apply to repair a record", false, "ENTERPRISE: its own records",
            ADMIN, ENTERPRISE),
    REPAIR_DECIDE("credit", "决定信用修复 Decide a repair application", false, "", ADMIN),
    CREDIT_ATTACHMENT_READ("credit", "读取证明材料 Open an attachment", false, "ENTERPRISE: its own firm's",
            ADMIN, REGULATOR, ENTERPRISE),
    CORRECTIONS_READ("credit", "更正通知 Read correction notices", false,
            "ENTERPRISE: its own firm's; BANK, GUARANTOR: those sent to its institution",
            ADMIN, REGULATOR, ENTERPRISE, BANK, GUARANTOR),
    CREDIT_STATS("credit", "异议修复统计 Backlog, overdue items, time to decide, repair rates", false, "",
            ADMIN, REGULATOR),
    PARK_CALENDAR_CHANGE("credit", "维护节假日 Keep the holiday calendar", false, "", ADMIN),
    PUBLICITY_READ("credit", "信用公示 Search the public disclosure", true, "",
            ADMIN, REGULATOR, ENTERPRISE, BANK, GUARANTOR, EVALUATOR, INVESTMENT),

    // --- financing workbench: decision queue, lending limits, portfolio (DOMAIN.md §7)
    FINANCING_QUEUE("financing", "决策队列与保存的筛选 Sort and filter the queue, keep one's own saved filters", false,
            "its own institution's queue; its own filters", BANK, GUARANTOR),
    FINANCING_LIMITS_VIEW("financing", "读取授信限额 Read lending limits, their headroom and history", false,
            "BANK, GUARANTOR: its own institution's", ADMIN, REGULATOR, BANK, GUARANTOR),
    FINANCING_LIMITS_EDIT("financing", "设定授信限额 Set or remove a lending limit", false,
            "its own institution's", BANK, GUARANTOR),
    PORTFOLIO_VIEW("financing", "资产组合 Read the portfolio: holdings, exposure, repayments, win rate; CSV", false,
            "BANK, GUARANTOR: its own institution's", ADMIN, REGULATOR, BANK, GUARANTOR),

    // --- parks and regions (DOMAIN.md §10.3)
    PARKS_READ("park", "园区列表 List the parks one sees", false,
            "region-wide ADMIN, REGULATOR: every park; everyone else: its own park",
            ADMIN, REGULATOR, ENTERPRISE, BANK, GUARANTOR, EVALUATOR, INVESTMENT),
    PARKS_MANAGE("park", "新建、更名园区 Create or rename a park", false, "region-wide ADMIN only", ADMIN),
    REGION_COMPARE("park", "园区对比 Compare the parks' lists and grades side by side", false,
            "region-wide ADMIN, REGULATOR only", ADMIN, REGULATOR),

    // --- sharing between parks (DOMAIN.md §10.3)
    SHARING_INSTALLATION_READ("sharing", "本安装的标识、园区与公钥 This installation's id, parks and public key", true, "",
            ADMIN, REGULATOR, ENTERPRISE, BANK, GUARANTOR, EVALUATOR, INVESTMENT),
    SHARING_PEER_CALL("sharing", "对等安装的签名调用 Signed calls of a trusted installation: request, package, acknowledgement",
            true, "a registered peer's valid signature, timestamp and fresh nonce",
            ADMIN, REGULATOR, ENTERPRISE, BANK, GUARANTOR, EVALUATOR, INVESTMENT),
    SHARING_MANAGE("sharing", "跨园区共享 Ask another park for a firm's data, export with the firm's consent, import", false,
            "its own park's requests and packages (a region ADMIN: any park, naming it)", ADMIN),
    SHARING_CONSENT("sharing", "授权或拒绝共享 Grant (with an expiry) or refuse a request for one's data", false,
            "its own firm", ENTERPRISE),
    SHARING_LOG_READ("sharing", "共享请求与日志 Read sharing requests and the sharing log", false,
            "ENTERPRISE: its own firm's; ADMIN: its park's", ADMIN, ENTERPRISE),
    SHARING_PEERS_MANAGE("sharing", "对等安装 Register and list trusted peer installations", false,
            "a region-wide ADMIN", ADMIN);

    private final String feature;
    private final String label;
    private final boolean anonymous;
    private final String scope;
    private final Set<Role> roles;

    Action(String feature, String label, boolean anonymous, String scope, Role... roles) {
        this.feature = feature;
        this.label = label;
        this.anonymous = anonymous;
        this.scope = scope;
        EnumSet<Role> set = EnumSet.noneOf(Role.class);
        Collections.addAll(set, roles);
        this.roles = Collections.unmodifiableSet(set);
    }

    /** The feature package the action belongs to. */
    public String feature() {
        return feature;
    }

    public String label() {
        return label;
    }

    /** Whether a visitor who has not signed in may take it. */
    public boolean anonymous() {
        return anonymous;
    }

    /** Which rows a permitted role may touch, when that is narrower than "all" (empty: all). */
    public String scope() {
        return scope;
    }

    public Set<Role> roles() {
        return roles;
    }

    public boolean allows(Role role) {
        return role == null ? anonymous : roles.contains(role);
    }

    /** The table as markdown, one row per action, for the README's "Roles and rights". */
    public static String markdown() {
        StringBuilder md = new StringBuilder("| feature | action | anonymous |");
        for (Role r : Role.values()) {
            md.append(' ').append(r.name()).append(" |");
        }
        md.append(" only |\n|---|---|---|");
        md.append("---|".repeat(Role.values().length)).append("---|\n");
        for (Action a : values()) {
            md.append("| ").append(a.feature).append(" | ").append(a.label).append(" | ").append(a.anonymous ? "✓" : "")
                    .append(" |");
            for (Role r : Role.values()) {
                md.append(a.roles.contains(r) ? " ✓ |" : "  |");
            }
            md.append(' ').append(a.scope).append(" |\n");
        }
        return md.toString();
    }
}
