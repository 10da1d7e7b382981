package io.plantstream.sim;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Production orders for the sample ERP: a parts supplier's order book for the next two weeks.
 * Each article has its machines and an ideal cycle time; quantities are in lots of 50, due dates
 * spread over fourteen days, the nearest ones released, the later ones planned.
 */
public final class SampleErp {
    /** An article the plant makes: where and how fast. */
    record Article(String number, double idealCycleSeconds, List<String> machines) {
    }

    static final List<Article> ARTICLES = List.of(
            new Article("BRACKET-A12", 14.0, List.of("M01", "M02")),
            new Article("BRACKET-A14", 15.5, List.of("M01", "M02")),
            new Article("SHAFT-30X120", 42.0, List.of("M03", "M04")),
            new Article("SHAFT-40X160", 55.0, List.of("M03", "M04")),
            new Article("FLANGE-DN50", 38.0, List.of("M05")),
            new Article("FLANGE-DN80", 47.5, List.of("M05", "M06")),
            new Article("HOUSING-G7", 96.0, List.of("M06", "M07")),
            new Article("GEAR-Z24", 61.0, List.of("M08")),
            new Article("GEAR-Z36", 74.0, List.of("M08", "M09")),
            new Article("BUSHING-18", 9.5, List.of("M10", "M11")),
            new Article("BUSHING-22", 10.5, List.of("M10", "M11")),
            new Article("COVER-PLATE-3", 22.0, List.of("M09", "M07")));

    private SampleErp() {
    }

    /**
     * Writes {@code count} orders numbered from 100001 into {@code production_order}.
     *
     * @param releasedDays orders due within this many days are RELEASED, later ones PLANNED
     */
    public static int seed(Connection erp, int count, LocalDate firstDue, int releasedDays, long seed)
            throws SQLException {
        Random random = new Random(seed);
        try (PreparedStatement insert = erp.prepareStatement("INSERT INTO production_order (order_no, article, quantity,"
                + " work_center, ideal_cycle_s, due_date, priority, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                Article article = ARTICLES.get(random.nextInt(ARTICLES.size()));
                int dueIn = random.nextInt(14);
                insert.setString(1, String.format(Locale.ROOT, "%06d", 100001 + i));
                insert.setString(2, article.number());
                insert.setInt(3, 50 * (1 + random.nextInt(article.idealCycleSeconds() > 60 ? 8 : 30)));
                insert.setString(4, article.machines().get(random.nextInt(article.machines().size())));
                insert.setDouble(5, article.idealCycleSeconds());
                insert.setObject(6, firstDue.plusDays(dueIn));
                insert.setInt(7, 1 + random.nextInt(5));
                insert.setString(8, dueIn < releasedDays ? "RELEASED" : "PLANNED");
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return count;
    }
}
