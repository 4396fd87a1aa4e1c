package io.parkcredit.sharing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the CSV that PostgreSQL's COPY writes (quoted fields may hold commas, quotes and line breaks). */
final class CsvRecords {

    private CsvRecords() {
    }

    /** The first {@code max} records, each a list of fields. */
    static List<List<String>> parse(String text, int max) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length() && records.size() < max; i++) {
            char c = text.charAt(i);
            any = true;
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
                any = false;
            } else {
                field.append(c);
            }
        }
        if (any && records.size() < max) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }

    /** Data records of a CSV file with a header row. */
    static int count(byte[] csv) {
        return Math.max(0, parse(new String(csv, StandardCharsets.UTF_8), Integer.MAX_VALUE).size() - 1);
    }
}
