package io.parkcredit.shared;

/** Validated paging parameters: page from 0, size 1..10000 (API.md conventions). */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 10_000;

    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            throw ProblemException.invalid("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ProblemException.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
        if ((long) p * s > Integer.MAX_VALUE) {
            throw ProblemException.invalid("page", "page × size must stay below " + Integer.MAX_VALUE);
        }
        return new PageRequest(p, s);
    }

    public int offset() {
        return page * size;
    }
}
