package io.parkcredit.screening;

/**
 * The criteria a prospect is ranked on (DOMAIN.md §9), with their direction: a benefit criterion
 * is better when larger, a cost criterion when smaller. Default weights sum to 1.
 */
public enum ScreeningCriterion {
    CREDIT(true, 0.25, "信用得分", "published rating score when valid, else 60 ± events and latest margin (0..100)"),
    CHAIN_FIT(true, 0.20, "补链契合度", "largest gap 1/(1+Σ park strength) among the chain segments its industry belongs to; 0 outside the chains"),
    REVENUE(true, 0.10, "营业收入", "latest statement revenue, CNY"),
    ASSETS(true, 0.05, "资产总额", "latest statement total assets, CNY"),
    EMPLOYEES(true, 0.05, "员工人数", "employees as registered"),
    GROWTH(true, 0.10, "成长性", "least-squares slope of revenue over the years on file ÷ mean revenue (per year); 0 with fewer than 2 years"),
    INNOVATION(true, 0.10, "创新能力", "patents + software copyrights + 100 × R&D expense / revenue (latest year)"),
    RISK(false, 0.15, "风险", "counting negative records of the last 3 years weighted SERIOUS 3, GENERAL 2, MINOR 1");

    private final boolean benefit;
    private final double defaultWeight;
    private final String label;
    private final String definition;

    ScreeningCriterion(boolean benefit, double defaultWeight, String label, String definition) {
        this.benefit = benefit;
        this.defaultWeight = defaultWeight;
        this.label = label;
        this.definition = definition;
    }

    public boolean benefit() {
        return benefit;
    }

    public double defaultWeight() {
        return defaultWeight;
    }

    public String label() {
        return label;
    }

    public String definition() {
        return definition;
    }
}
