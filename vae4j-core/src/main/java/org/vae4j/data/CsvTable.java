package org.vae4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.vae4j.error.InputException;

/**
 * One parsed CSV file before scaling: comma-separated cells, trimmed, an optional header line (the
 * first line is a header when any of its cells is not a number), numeric columns and at most one
 * non-negative integer label column. Empty lines are skipped.
 */
final class CsvTable {

    final Path file;
    /** Column names, or null when the file has no header line. */
    final String[] header;
    final int columns;
    /** Index of the label column, -1 for none. */
    final int labelIndex;
    final int dim;
    int n;
    /** n * dim unscaled values (longer while reading). */
    float[] x;
    /** n labels (longer while reading), null when labelIndex < 0. */
    int[] labels;

    private CsvTable(Path file, String[] header, int columns, int labelIndex) {
        this.file = file;
        this.header = header;
        this.columns = columns;
        this.labelIndex = labelIndex;
        this.dim = labelIndex < 0 ? columns : columns - 1;
        this.x = new float[dim * 1024];
        this.labels = labelIndex < 0 ? null : new int[1024];
    }

    /** Reads a file whose label column is given by header name or 0-based index (null for none). */
    static CsvTable read(Path file, String labelColumn) {
        return read(file, labelColumn, null);
    }

    /** Reads a file that must have the same columns as {@code layout}. */
    static CsvTable readLike(Path file, CsvTable layout) {
        return read(file, null, layout);
    }

    /** @return the rows at the given indices (all rows, sharing this table's arrays, when null), unscaled */
    Dataset toDataset(String name, int[] rows) {
        Dataset all = Dataset.tabular(name, x, labels, n, dim);
        return rows == null ? all : all.subset(rows);
    }

    private static CsvTable read(Path file, String labelColumn, CsvTable layout) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            CsvTable table = null;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line);
                if (table == null) {
                    boolean isHeader = !allNumbers(cells);
                    table = start(file, isHeader ? cells : null, cells.length, labelColumn, layout);
                    if (isHeader) {
                        continue;
                    }
                }
                table.addRow(cells, lineNo);
            }
            if (table == null) {
                throw InputException.of(file, "empty file: no header and no data rows");
            }
            if (table.n == 0) {
                throw InputException.of(file, "no data rows after the header");
            }
            table.x = Arrays.copyOf(table.x, table.n * table.dim);
            table.labels = table.labels == null ? null : Arrays.copyOf(table.labels, table.n);
            return table;
        } catch (IOException e) {
            throw ReadErrors.of(file, e);
        }
    }

    private static CsvTable start(Path file, String[] header, int columns, String labelColumn, CsvTable layout) {
        if (layout != null) {
            if (columns != layout.columns) {
                throw InputException.of(file, "has " + columns + " columns but " + layout.file.getFileName()
                        + " has " + layout.columns);
            }
            if (header != null && layout.header != null && !Arrays.equals(header, layout.header)) {
                int column = Arrays.mismatch(header, layout.header);
                throw InputException.of(file, "column " + (column + 1) + " is named "
                        + ReadErrors.quote(header[column]) + " but " + layout.file.getFileName() + " names it "
                        + ReadErrors.quote(layout.header[column]));
            }
            return new CsvTable(file, header, columns, layout.labelIndex);
        }
        int labelIndex = labelIndex(file, header, columns, labelColumn);
        if (labelIndex >= 0 && columns == 1) {
            throw InputException.of(file, "no numeric columns besides the label column");
        }
        return new CsvTable(file, header, columns, labelIndex);
    }

    private static int labelIndex(Path file, String[] header, int columns, String labelColumn) {
        if (labelColumn == null) {
            return -1;
        }
        String wanted = labelColumn.trim();
        if (header != null) {
            int found = Arrays.asList(header).indexOf(wanted);
            if (found >= 0) {
                return found;
            }
        }
        int index;
        try {
            index = Integer.parseInt(wanted);
        } catch (NumberFormatException e) {
            throw InputException.of(file, header == null
                    ? "label column " + ReadErrors.quote(wanted) + " is not a 0-based column index, and the file has"
                            + " no header"
                    : "unknown label column " + ReadErrors.quote(wanted) + "; the columns are "
                            + ReadErrors.quoteList(header));
        }
        if (index < 0 || index >= columns) {
            throw InputException.of(file, "label column index " + index + " is out of range: the file has "
                    + columns + " columns, numbered from 0");
        }
        return index;
    }

    private void addRow(String[] cells, int lineNo) {
        if (cells.length != columns) {
            throw InputException.of(file, "line " + lineNo + ": " + cells.length + " cells, expected " + columns);
        }
        if ((n + 1L) * dim > Integer.MAX_VALUE - 8) {
            throw InputException.of(file, "line " + lineNo + ": too many values to load");
        }
        if ((n + 1) * dim > x.length) {
            x = Arrays.copyOf(x, (int) Math.min(Integer.MAX_VALUE - 8, 2L * x.length));
        }
        int offset = n * dim;
        for (int c = 0; c < columns; c++) {
            if (c == labelIndex) {
                if (n == labels.length) {
                    labels = Arrays.copyOf(labels, 2 * n);
                }
                labels[n] = parseLabel(cells[c], lineNo, c);
            } else {
                x[offset++] = parseValue(cells[c], lineNo, c);
            }
        }
        n++;
    }

    private float parseValue(String cell, int lineNo, int column) {
        double value = parseNumber(cell);
        if (Double.isNaN(value)) {
            throw cellError(lineNo, column, "not a number: " + ReadErrors.quote(cell));
        }
        float f = (float) value;
        if (!Float.isFinite(f)) {
            throw cellError(lineNo, column, "not a finite float: " + ReadErrors.quote(cell));
        }
        return f;
    }

    private int parseLabel(String cell, int lineNo, int column) {
        double value = parseNumber(cell);
        if (!(value >= 0 && value <= Integer.MAX_VALUE && value == Math.rint(value))) {
            throw cellError(lineNo, column, "label is not a non-negative integer: " + ReadErrors.quote(cell));
        }
        return (int) value;
    }

    private InputException cellError(int lineNo, int column, String problem) {
        String name = header == null ? "" : " (" + ReadErrors.quote(header[column]) + ")";
        return InputException.of(file, "line " + lineNo + ", column " + (column + 1) + name + ": " + problem);
    }

    private static String[] split(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].trim();
            if (cell.length() >= 2 && cell.charAt(0) == '"' && cell.charAt(cell.length() - 1) == '"') {
                cell = cell.substring(1, cell.length() - 1).trim();
            }
            cells[i] = cell;
        }
        return cells;
    }

    private static boolean allNumbers(String[] cells) {
        for (String cell : cells) {
            if (Double.isNaN(parseNumber(cell))) {
                return false;
            }
        }
        return true;
    }

    /** @return the decimal number in cell, or NaN when it is not one (hex, "NaN", "1f" are not numbers) */
    private static double parseNumber(String cell) {
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        for (int i = 0; i < cell.length(); i++) {
            char ch = cell.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E')) {
                return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
