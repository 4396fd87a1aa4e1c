package io.parkcredit.bundle;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.parkcredit.enterprise.Uscc;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Generates a realistic synthetic industrial park as a data bundle v1 zip: valid USCCs, GB/T 4754
 * industries, banks and guarantors, loans with some arrears, events of every type and severity,
 * yearly statements and monthly income/expense flows. Deterministic: the same settings give the
 * same bytes. Streams: any size is written with constant memory, each firm re-derived from its index.
 */
public final class DemoPark {

    /**
     * @param firms          enterprises, about 10 % of them prospects ({@code in_park = false})
     * @param loansPerFirm   average loans per firm
     * @param eventsPerFirm  average credit events per firm
     * @param statementYears yearly statements per firm, up to the year before {@code asOf}
     * @param txnsPerFirm    average income/expense flows per firm over the 24 months before {@code asOf}
     * @param asOf           the day the park is seen from (loans due, events, flows lie before it)
     * @param seed           the same seed gives the same park
     * @param exactCounts    every firm gets exactly the average counts (benchmarks) instead of a spread
     */
    public record Settings(int firms, int loansPerFirm, int eventsPerFirm, int statementYears, int txnsPerFirm,
            LocalDate asOf, long seed, boolean exactCounts) {

        public static Settings demo(int firms, LocalDate asOf) {
            return new Settings(firms, 3, 6, 3, 60, asOf, 20260401L, false);
        }

        /** The shape of the import benchmark: exactly 5 loans, 10 events, 50 flows per firm, 3 statement years. */
        public static Settings benchmark(int firms, LocalDate asOf) {
            return new Settings(firms, 5, 10, 3, 50, asOf, 42L, true);
        }
    }

    record Industry(String code, String word) {
    }

    static final Industry[] INDUSTRIES = {
        new Industry("C3110", "钢铁"), new Industry("C3120", "特钢"), new Industry("C3130", "钢材"),
        new Industry("C3311", "钢结构"), new Industry("C3412", "机床"), new Industry("C3562", "电子设备"),
        new Industry("C3441", "泵阀"), new Industry("C3823", "电气"), new Industry("C3985", "电子材料"),
        new Industry("C2614", "化工"), new Industry("C2927", "塑料"), new Industry("C1713", "纺织"),
        new Industry("C1495", "食品"), new Industry("C3670", "汽车零部件"), new Industry("C3099", "新材料"),
        new Industry("I6513", "软件"), new Industry("M7320", "工程技术"), new Industry("G5437", "物流"),
        new Industry("F5174", "五金贸易"), new Industry("E4851", "建设工程")
    };

    private static final String[] BANKS = {"中国工商银行舞钢支行", "中国农业银行舞钢支行", "中国银行舞钢支行",
        "中国建设银行舞钢支行", "舞钢农村商业银行", "中原银行舞钢支行", "邮政储蓄银行舞钢支行", "平顶山银行舞钢支行"};
    private static final String[] GUARANTORS = {"舞钢市中小企业融资担保有限公司", "平顶山市发展投资担保有限公司",
        "河南省中豫融资担保有限公司", "舞钢市经开区信用担保有限公司"};
    private static final String[] WORDS = {"华", "鑫", "宏", "盛", "恒", "泰", "德", "瑞", "兴", "隆", "昌", "丰",
        "源", "通", "达", "宇", "新", "金", "银", "中", "豫", "舞", "钢", "安", "康", "永", "嘉", "富", "联", "创"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
        "马", "朱", "胡", "郭", "何", "高", "林", "罗"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
        "杰", "涛", "明", "超", "秀英", "华", "建国", "志强"};
    private static final String[] STREETS = {"经山路", "湘江路", "寺坡大道", "朱兰路", "钢城路", "龙泉路", "工业大道"};
    private static final long USCC_SPACE = 852_891_037_441L; // 31^8 organisation-code bodies

    private final Settings s;

    public DemoPark(Settings settings) {
        if (settings.firms() < 1) {
            throw new IllegalArgumentException("a park needs at least one firm");
        }
        this.s = settings;
    }

    /** Writes the bundle zip (all six files) to {@code out}, which stays open. */
    public void writeZip(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        OutputStream entry = new ZipEntryStream(zip);
        String[] files = {"institutions", "enterprises", "loans", "credit_events", "financial_statements", "transactions"};
        for (String f : files) {
            ZipEntry e = new ZipEntry(f + ".csv");
            // a fixed, zone-free time: left unset, the zip takes the wall clock and the bytes change
            e.setTimeLocal(s.asOf().atStartOfDay());
            zip.putNextEntry(e);
            try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).bufferSize(64 * 1024)
                    .build(entry, StandardCharsets.UTF_8)) {
                writeFile(f, w);
            }
            zip.closeEntry();
        }
        zip.finish();
    }

    /** Writes one bundle file (header and rows) by name. */
    public void writeFile(String file, CsvWriter w) {
        switch (file) {
            case "institutions" -> institutions(w);
            case "enterprises" -> enterprises(w);
            case "loans" -> loans(w);
            case "credit_events" -> events(w);
            case "financial_statements" -> statements(w);
            case "transactions" -> transactions(w);
            default -> throw new IllegalArgumentException("no bundle file " + file);
        }
    }

    /** The USCC of the i-th generated firm: 91 (enterprise), 410481 (舞钢市), a scrambled body, both checks. */
    public static String uscc(long i) {
        long v = Math.floorMod(i * 0x9E3779B1L + 7_654_321L, USCC_SPACE);
        char[] body = new char[8];
        for (int k = 7; k >= 0; k--) {
            body[k] = Uscc.CHARSET.charAt((int) (v % 31));
            v /= 31;
        }
        return Uscc.complete("91410481" + new String(body)).value();
    }

    public static String bankCode(int i) {
        return String.format("B%03d", i + 1);
    }

    public static String guarantorCode(int i) {
        return String.format("G%03d", i + 1);
    }

    private SplittableRandom rnd(long firm, int stream) {
        return new SplittableRandom(s.seed() * 1_000_003L + firm * 31L + stream);
    }

    private void institutions(CsvWriter w) {
        w.writeRecord("code", "name", "kind");
        for (int i = 0; i < BANKS.length; i++) {
            w.writeRecord(bankCode(i), BANKS[i], "BANK");
        }
        for (int i = 0; i < GUARANTORS.length; i++) {
            w.writeRecord(guarantorCode(i), GUARANTORS[i], "GUARANTOR");
        }
    }

    /** Per-firm traits every file derives the same way. */
    record Firm(long index, String uscc, Industry industry, LocalDate registeredOn, double scale, boolean inPark,
            String status, double risk) {
    }

    Firm firm(long i) {
        SplittableRandom r = rnd(i, 0);
        Industry ind = INDUSTRIES[r.nextInt(INDUSTRIES.length)];
        LocalDate reg = s.asOf().minusDays(200 + r.nextInt(20 * 365));
        double scale = Math.exp(r.nextDouble() * 4.5); // 1 .. 90, long-tailed
        boolean inPark = r.nextInt(10) != 0;
        int st = r.nextInt(100);
        String status = st < 93 ? "ACTIVE" : st < 98 ? "ABNORMAL" : "DEREGISTERED";
        double risk = r.nextDouble() < 0.15 ? 0.5 + r.nextDouble() / 2 : r.nextDouble() * 0.3;
        return new Firm(i, uscc(i), ind, reg, scale, inPark, status, risk);
    }

    private void enterprises(CsvWriter w) {
        w.writeRecord("uscc", "name", "registered_on", "industry_code", "registered_capital", "employees", "status",
                "contact_name", "contact_mobile", "in_park", "address", "patents", "software_copyrights");
        for (long i = 0; i < s.firms(); i++) {
            Firm f = firm(i);
            SplittableRandom r = rnd(i, 1);
            String name = (f.inPark() ? "舞钢市" : "平顶山市") + WORDS[r.nextInt(WORDS.length)] + WORDS[r.nextInt(WORDS.length)]
                    + f.industry().word() + (r.nextInt(5) == 0 ? "股份有限公司" : "有限公司");
            String mobile = "1" + (3 + r.nextInt(7)) + String.format("%09d", r.nextInt(1_000_000_000));
            boolean innovative = f.industry().code().startsWith("I") || f.industry().code().startsWith("M")
                    || f.industry().code().startsWith("C39");
            w.writeRecord(f.uscc(), name, f.registeredOn().toString(), f.industry().code(),
                    money(f.scale() * 500_000 + r.nextInt(1000) * 1000), Integer.toString((int) (f.scale() * 20 + r.nextInt(20))),
                    f.status(), SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)], mobile,
                    Boolean.toString(f.inPark()), "舞钢市经济开发区" + STREETS[r.nextInt(STREETS.length)] + (1 + r.nextInt(300)) + "号",
                    Integer.toString(r.nextInt(innovative ? 60 : 12)), Integer.toString(r.nextInt(innovative ? 40 : 4)));
        }
    }

    /** Loans: most settled on time, some late, some open, a risky minority in arrears. */
    private void loans(CsvWriter w) {
        w.writeRecord("lender_code", "loan_no", "uscc", "principal", "start_date", "due_date", "settled_on");
        for (long i = 0; i < s.firms(); i++) {
            Firm f = firm(i);
            SplittableRandom r = rnd(i, 2);
            int n = count(r, s.loansPerFirm());
            for (int k = 0; k < n; k++) {
                LocalDate start = s.asOf().minusDays(30 + r.nextInt(4 * 365));
                if (start.isBefore(f.registeredOn())) {
                    start = f.registeredOn().plusDays(r.nextInt(90));
                }
                LocalDate due = start.plusMonths(6 + r.nextInt(31));
                double roll = r.nextDouble();
                String settled;
                if (roll < f.risk() * 0.6) {
                    settled = ""; // unpaid: in arrears once the due date has passed
                } else if (roll < f.risk()) {
                    LocalDate late = due.plusDays(1 + r.nextInt(150));
                    settled = late.isBefore(s.asOf()) ? late.toString() : "";
                } else {
                    LocalDate paid = due.minusDays(r.nextInt(30));
                    settled = paid.isBefore(s.asOf()) ? paid.toString() : "";
                }
                w.writeRecord(bankCode(r.nextInt(BANKS.length)), "L" + i + "-" + k, f.uscc(),
                        money(f.scale() * 100_000 + r.nextInt(200) * 10_000 + 50_000), start.toString(), due.toString(), settled);
            }
        }
    }

    record EventKind(String type, String source, String title, String severities) {
    }

    /** Types with their source and Chinese title; severities: letters M/G/S weighted by repetition. */
    static final EventKind[] NEGATIVE = {
        new EventKind("ADMIN_PENALTY", "SAMR", "市场监管行政处罚", "MMGGGS"),
        new EventKind("DISHONEST_DEBTOR", "COURT", "列入失信被执行人名单", "SS"),
        new EventKind("ABNORMAL_OPERATION", "SAMR", "列入经营异常名录", "MG"),
        new EventKind("SERIOUS_ILLEGAL", "SAMR", "列入严重违法失信名单", "S"),
        new EventKind("LAWSUIT_DEFENDANT", "COURT", "合同纠纷诉讼（被告）", "MGG"),
        new EventKind("TAX_ARREARS", "TAX", "欠缴增值税", "GGS"),
        new EventKind("SOCIAL_INSURANCE_ARREARS", "HRSS", "欠缴社会保险费", "MG"),
        new EventKind("WAGE_ARREARS", "HRSS", "拖欠农民工工资", "GS"),
        new EventKind("CONSUMER_COMPLAINT", "SAMR", "消费者投诉", "MM"),
        new EventKind("QUALITY_CHECK_FAILED", "SAMR", "产品质量抽检不合格", "MG"),
        new EventKind("SAFETY_VIOLATION", "EMB", "安全生产违法", "GS"),
        new EventKind("DEBT_EVASION", "BANK", "恶意逃废银行债务", "S"),
        new EventKind("COMMITMENT_BREACH", "PARK", "违背信用承诺", "GS"),
        new EventKind("CONTRACT_BREACH", "COURT", "合同违约", "MG")
    };
    static final EventKind[] POSITIVE = {
        new EventKind("HONOR", "GOV", "守合同重信用企业", ""),
        new EventKind("CHARITY", "GOV", "公益慈善捐赠", ""),
        new EventKind("CREDIT_COMMITMENT", "PARK", "签署信用承诺书", ""),
        new EventKind("TAX_CREDIT_GRADE", "TAX", "纳税信用等级评定", "")
    };

    private void events(CsvWriter w) {
        w.writeRecord("source", "event_no", "uscc", "type", "severity", "occurred_on", "amount", "grade", "title",
                "detail", "repaired_on");
        for (long i = 0; i < s.firms(); i++) {
            Firm f = firm(i);
            SplittableRandom r = rnd(i, 3);
            int n = count(r, s.eventsPerFirm());
            for (int k = 0; k < n; k++) {
                boolean negative = r.nextDouble() < 0.35 + f.risk() * 0.5;
                EventKind kind = negative ? NEGATIVE[r.nextInt(NEGATIVE.length)] : POSITIVE[r.nextInt(POSITIVE.length)];
                if (negative && f.risk() < 0.3 && kind.severities().equals("S") && r.nextInt(4) != 0) {
                    kind = NEGATIVE[8]; // a sound firm rarely lands on a blacklist
                }
                LocalDate on = notBefore(s.asOf().minusDays(1 + r.nextInt(5 * 365)), f, r);
                String severity = negative ? severity(kind.severities().charAt(r.nextInt(kind.severities().length()))) : "";
                String amount = kind.type().equals("ADMIN_PENALTY") || kind.type().endsWith("ARREARS")
                        || kind.type().equals("CHARITY") ? money(5_000 + r.nextInt(500) * 1000) : "";
                String grade = kind.type().equals("TAX_CREDIT_GRADE") ? String.valueOf("AABBMCD".charAt(
                        Math.min(6, (int) (r.nextDouble() * 4 + f.risk() * 4)))) : "";
                String repaired = "";
                if (negative && r.nextInt(5) == 0) {
                    LocalDate rep = on.plusDays(90 + r.nextInt(500));
                    repaired = rep.isBefore(s.asOf()) ? rep.toString() : "";
                }
                w.writeRecord(kind.source(), kind.source() + "-" + on.getYear() + "-" + i + "-" + k, f.uscc(),
                        kind.type(), severity, on.toString(), amount, grade, kind.title(),
                        negative ? "依据相关规定作出认定" : "", repaired);
            }
        }
    }

    /** Nothing happens to a firm before it is registered. */
    private static LocalDate notBefore(LocalDate day, Firm f, SplittableRandom r) {
        return day.isBefore(f.registeredOn()) ? f.registeredOn().plusDays(r.nextInt(30)) : day;
    }

    private static String severity(char c) {
        return switch (c) {
            case 'M' -> "MINOR";
            case 'G' -> "GENERAL";
            default -> "SERIOUS";
        };
    }

    /** Statements grow with the firm's scale and year; risky firms lose money more often. */
    private void statements(CsvWriter w) {
        w.writeRecord("uscc", "year", "total_assets", "total_liabilities", "current_assets", "current_liabilities",
                "inventory", "cash", "accounts_receivable", "equity", "revenue", "cost_of_sales", "operating_profit",
                "net_profit", "interest_expense", "operating_cash_flow", "retained_earnings", "rd_expense",
                "contracts_signed", "contracts_fulfilled");
        int lastYear = s.asOf().getYear() - 1;
        for (long i = 0; i < s.firms(); i++) {
            Firm f = firm(i);
            SplittableRandom r = rnd(i, 4);
            double growth = 0.9 + r.nextDouble() * 0.35;
            for (int y = lastYear - s.statementYears() + 1; y <= lastYear; y++) {
                if (!s.exactCounts() && y < f.registeredOn().getYear()) {
                    continue;
                }
                double size = f.scale() * 1_000_000 * Math.pow(growth, y - lastYear + s.statementYears());
                double revenue = size * (0.8 + r.nextDouble());
                double assets = size * (1.2 + r.nextDouble());
                double leverage = 0.3 + r.nextDouble() * 0.4 + f.risk() * 0.3;
                double liabilities = assets * Math.min(leverage, 1.1);
                double current = assets * (0.4 + r.nextDouble() * 0.3);
                double margin = (r.nextDouble() - f.risk()) * 0.15;
                double net = revenue * margin;
                double signed = revenue * (0.9 + r.nextDouble() * 0.3);
                w.writeRecord(f.uscc(), Integer.toString(y), money(assets), money(liabilities), money(current),
                        money(liabilities * 0.6), money(current * 0.25), money(current * 0.2), money(current * 0.3),
                        signed(assets - liabilities), money(revenue), money(revenue * (0.6 + r.nextDouble() * 0.25)),
                        signed(net * 1.3), signed(net), money(liabilities * 0.04), signed(net * (0.8 + r.nextDouble())),
                        signed(assets * 0.1 * (1 - f.risk())), money(revenue * r.nextDouble() * 0.06), money(signed),
                        money(signed * Math.max(0.3, 1 - f.risk() * r.nextDouble())));
            }
        }
    }

    /** Flows over the 24 months before asOf: receipts from customers (often park firms), payments out. */
    private void transactions(CsvWriter w) {
        w.writeRecord("txn_id", "uscc", "booked_on", "direction", "amount", "counterparty_uscc", "counterparty_name");
        for (long i = 0; i < s.firms(); i++) {
            Firm f = firm(i);
            SplittableRandom r = rnd(i, 5);
            int n = count(r, s.txnsPerFirm());
            long[] customers = {r.nextLong(s.firms()), r.nextLong(s.firms()), r.nextLong(s.firms())};
            for (int k = 0; k < n; k++) {
                boolean in = r.nextInt(10) < 6;
                LocalDate on = notBefore(s.asOf().minusDays(1 + r.nextInt(730)), f, r);
                String cp = "";
                String cpName = "";
                if (in) {
                    long c = customers[r.nextInt(customers.length)];
                    if (c != i) {
                        cp = uscc(c);
                        cpName = "园区客户" + c;
                    } else {
                        cpName = "外部客户";
                    }
                } else {
                    cpName = r.nextBoolean() ? "原材料供应商" : "物流服务商";
                }
                w.writeRecord("T" + i + "-" + k, f.uscc(), on.toString(), in ? "IN" : "OUT",
                        money(f.scale() * 20_000 * (0.2 + r.nextDouble()) + 100), cp, cpName);
            }
        }
    }

    /** A count around the mean (uniform on 0..2·mean), or exactly the mean for benchmarks. */
    private int count(SplittableRandom r, int mean) {
        if (mean <= 0) {
            return 0;
        }
        return s.exactCounts() ? mean : r.nextInt(2 * mean + 1);
    }

    private static String money(double v) {
        return signed(Math.max(0, v));
    }

    private static String signed(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
