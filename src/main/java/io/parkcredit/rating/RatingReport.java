package io.parkcredit.rating;

import io.parkcredit.rating.RatingResult.DimensionScore;
import io.parkcredit.rating.RatingResult.Line;
import io.parkcredit.rating.RatingViews.ApplicationView;
import io.parkcredit.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The credit evaluation report (企业信用评价报告, seed 002 第十三条) of a scored application as PDF:
 * grade, score, every dimension, every indicator with its points and reasons, what would raise the
 * grade, and, once published, the certificate page (信用等级证书). Chinese text needs a CJK
 * TrueType font: {@code parkcredit.rating.report-font}, else Noto Sans SC shipped in the
 * application, else the first of {@link #FONT_CANDIDATES}.
 */
@ApplicationScoped
public class RatingReport {

    static final List<String> FONT_CANDIDATES = List.of(
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/truetype/arphic/uming.ttc",
            "/System/Library/Fonts/PingFang.ttc",
            "C:/Windows/Fonts/msyh.ttc");

    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    @Inject
    RatingConfig config;

    public byte[] pdf(ApplicationView a) {
        if (a.result() == null) {
            throw ProblemException.conflict("rating-not-scored", "application " + a.id() + " is " + a.status()
                    + ": the report exists once it is scored");
        }
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDFont font = font(doc);
            Writer w = new Writer(doc, font);
            RatingResult r = a.result();
            String grade = a.grade() == null ? "不予评级" : a.grade();
            w.text(20, "企业信用评价报告");
            w.gap(6);
            w.text(11, "企业名称：" + a.name());
            w.text(11, "统一社会信用代码：" + a.uscc());
            w.text(11, "信用等级：" + grade + "    综合得分：" + a.score() + " / 100");
            w.text(11, "评价日期：" + a.scoredOn() + "    财务年度：" + a.fiscalYear() + "    指标体系版本：v" + r.modelVersion());
            w.text(11, "状态：" + a.status() + (a.validFrom() == null ? "" : "    有效期：" + a.validFrom() + " 至 " + a.validUntil()));
            w.gap(8);
            w.text(13, "一、各维度得分");
            for (DimensionScore d : r.dimensions()) {
                w.text(11, "  " + d.name() + "（" + d.nameEn() + "）：" + d.points() + " / " + d.max());
            }
            w.gap(8);
            w.text(13, "二、如何提升信用等级");
            if (r.raise().nextGrade() != null) {
                w.text(10, "  距 " + r.raise().nextGrade() + " 级还差 " + r.raise().pointsNeeded() + " 分；可提升空间最大的指标：");
            }
            for (Line l : r.raise().indicators()) {
                w.wrap(9, "  " + l.code() + " " + l.name() + "：可提升 " + l.recoverable() + " 分（" + l.detail() + "）");
            }
            w.gap(8);
            w.text(13, "三、指标得分明细（得分 / 满分，取值与依据）");
            String dim = null;
            for (Line l : r.indicators()) {
                if (!l.dimension().equals(dim)) {
                    dim = l.dimension();
                    String name = dim;
                    for (DimensionScore d : r.dimensions()) {
                        if (d.code().equals(dim)) {
                            name = d.name();
                        }
                    }
                    w.gap(4);
                    w.text(11, name);
                }
                w.wrap(9, "  " + l.code() + " " + l.name() + "（" + l.group() + "）  " + l.points() + " / " + l.max()
                        + "  " + l.detail());
            }
            if (a.objection() != null) {
                w.gap(8);
                w.text(13, "四、异议处理");
                w.wrap(10, "  企业异议：" + a.objection());
                if (a.objectionAnswer() != null) {
                    w.wrap(10, "  处理意见：" + a.objectionAnswer());
                }
            }
            w.close();
            if (a.validFrom() != null && a.grade() != null) {
                certificate(doc, font, a);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the rating report could not be written", e);
        }
    }

    private void certificate(PDDocument doc, PDFont font, ApplicationView a) throws IOException {
        Writer w = new Writer(doc, font);
        w.gap(120);
        w.center(28, "信用等级证书");
        w.gap(30);
        w.center(14, a.name());
        w.center(11, "统一社会信用代码 " + a.uscc());
        w.gap(30);
        w.center(48, a.grade());
        w.gap(20);
        w.center(12, "综合得分 " + a.score() + "    有效期 " + a.validFrom() + " 至 " + a.validUntil());
        if (a.revokedOn() != null) {
            w.center(12, "已于 " + a.revokedOn() + " 撤销");
        }
        w.gap(40);
        w.center(11, "园区管委会信用办公室");
        w.close();
    }

    /** The font shipped inside the application (Noto Sans SC, put there by the build). */
    static final String BUNDLED_FONT = "/io/parkcredit/rating/fonts/NotoSansSC_400Regular.ttf";

    private volatile byte[] bundled;

    /**
     * Loads the report font into {@code doc}: the configured file, else the font the application
     * ships, else the first system font of {@link #FONT_CANDIDATES}. None: a 503 problem that says
     * what to do, never a bare 500.
     */
    PDFont font(PDDocument doc) throws IOException {
        if (config.reportFont().isPresent()) {
            File f = new File(config.reportFont().get());
            if (!f.isFile()) {
                throw fontMissing("parkcredit.rating.report-font points to " + f + ", which is not a readable font file");
            }
            return loadFont(doc, f);
        }
        byte[] shipped = bundledFont();
        if (shipped != null) {
            return PDType0Font.load(doc, new ByteArrayInputStream(shipped), true);
        }
        for (String c : FONT_CANDIDATES) {
            File f = new File(c);
            if (f.isFile()) {
                return loadFont(doc, f);
            }
        }
        throw fontMissing("no font with Chinese glyphs for the rating report: the application was built without "
                + BUNDLED_FONT + " and none of " + FONT_CANDIDATES + " exists; set PARKCREDIT_RATING_REPORT_FONT"
                + " to a .ttf/.ttc file with Chinese glyphs");
    }

    private byte[] bundledFont() throws IOException {
        byte[] b = bundled;
        if (b == null) {
            try (InputStream in = RatingReport.class.getResourceAsStream(BUNDLED_FONT)) {
                if (in == null) {
                    return null;
                }
                b = in.readAllBytes();
            }
            bundled = b;
        }
        return b;
    }

    static ProblemException fontMissing(String detail) {
        return new ProblemException(503, "report-font-missing", "报告字体缺失 Report font missing", detail, List.of());
    }

    static PDFont loadFont(PDDocument doc, File file) throws IOException {
        if (file.getName().toLowerCase().endsWith(".ttc")) {
            TrueTypeCollection ttc = new TrueTypeCollection(file);
            List<TrueTypeFont> fonts = new ArrayList<>();
            ttc.processAllFonts(fonts::add);
            if (fonts.isEmpty()) {
                throw new IOException("no font in " + file);
            }
            return PDType0Font.load(doc, fonts.get(0), true);
        }
        return PDType0Font.load(doc, file);
    }

    /** Writes lines top-down, starting a new page when one is full. */
    private static final class Writer {
        private final PDDocument doc;
        private final PDFont font;
        private PDPageContentStream cs;
        private float y;

        Writer(PDDocument doc, PDFont font) throws IOException {
            this.doc = doc;
            this.font = font;
            newPage();
        }

        private void newPage() throws IOException {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void gap(float h) {
            y -= h;
        }

        void text(float size, String s) throws IOException {
            line(size, s, MARGIN);
        }

        void center(float size, String s) throws IOException {
            float w = font.getStringWidth(s) / 1000 * size;
            line(size, s, MARGIN + Math.max(0, (WIDTH - w) / 2));
        }

        /** Breaks a long line to the page width. */
        void wrap(float size, String s) throws IOException {
            StringBuilder cur = new StringBuilder();
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                String next = cur + new String(Character.toChars(cp));
                if (font.getStringWidth(next) / 1000 * size > WIDTH && cur.length() > 0) {
                    text(size, cur.toString());
                    cur.setLength(0);
                    cur.append("    ");
                }
                cur.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            if (cur.length() > 0) {
                text(size, cur.toString());
            }
        }

        private void line(float size, String s, float x) throws IOException {
            if (y - size * 1.4f < MARGIN) {
                newPage();
            }
            y -= size * 1.4f;
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, y);
            cs.showText(s);
            cs.endText();
        }

        void close() throws IOException {
            cs.close();
        }
    }
}
