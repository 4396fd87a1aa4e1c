package io.parkcredit.classification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

@ConfigMapping(prefix = "parkcredit.classification")
public interface ClassificationConfig {

    /**
     * Credit-system member units (信用体系成员单位) notified of every YELLOW firm on publication,
     * besides every bank of the registry. Comma-separated names.
     */
    @WithDefault("市发展和改革委员会,市金融工作局,人民银行舞钢市支行,市市场监督管理局,市税务局")
    List<String> memberUnits();
}
