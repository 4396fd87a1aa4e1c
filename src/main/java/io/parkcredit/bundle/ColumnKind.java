package io.parkcredit.bundle;

/** How a bundle column is read, checked and stored (DOMAIN.md §2-§3). */
enum ColumnKind {
    USCC("char(18) collate \"C\""),
    TEXT("text"),
    DATE("date"),
    MONEY("numeric(18,2)"),
    MONEY_SIGNED("numeric(18,2)"),
    COUNT("integer"),
    YEAR("integer"),
    BOOL("boolean"),
    ENUM("text"),
    MOBILE("char(11)"),
    INDUSTRY("text");

    final String sqlType;

    ColumnKind(String sqlType) {
        this.sqlType = sqlType;
    }
}
