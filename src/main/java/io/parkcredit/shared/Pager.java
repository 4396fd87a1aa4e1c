package io.parkcredit.shared;

import java.util.function.IntFunction;

/** Previous/next links and "page x of y" for a list page; pages count from 0 in links, from 1 on screen. */
public record Pager(int page, int pages, long total, String prevLink, String nextLink) {

    public static Pager of(PageResult<?> result, IntFunction<String> link) {
        int pages = Math.max(1, result.pages());
        return new Pager(result.page(), pages, result.total(),
                result.page() > 0 ? link.apply(Math.min(result.page(), pages) - 1) : null,
                result.page() + 1 < pages ? link.apply(result.page() + 1) : null);
    }

    public int number() {
        return page + 1;
    }
}
