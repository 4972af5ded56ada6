package io.github.flinksslext.bench;

import javax.imageio.ImageIO;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A grouped bar chart written as PNG with the JDK's own 2D graphics; log scale for wide ranges. */
final class BarChart {

    private static final Color[] PALETTE = {
        new Color(0x9E9E9E), new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
        new Color(0xD62728), new Color(0x9467BD), new Color(0x8C564B), new Color(0x17BECF)
    };

    private final String title;
    private final String axis;
    private final boolean logScale;
    private final List<String> series = new ArrayList<>();
    private final Map<String, Map<String, Double>> groups = new LinkedHashMap<>();

    BarChart(String title, String axis, boolean logScale) {
        this.title = title;
        this.axis = axis;
        this.logScale = logScale;
    }

    BarChart add(String group, String seriesName, double value) {
        if (!series.contains(seriesName)) {
            series.add(seriesName);
        }
        groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(seriesName, value);
        return this;
    }

    void write(Path file) throws IOException {
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        int longestLabel = 0;
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        for (String group : groups.keySet()) {
            longestLabel = Math.max(longestLabel, measure.getFontMetrics(labelFont).stringWidth(group));
        }
        measure.dispose();
        int groupWidth = Math.max(Math.max(90, series.size() * 22 + 20), longestLabel + 24);
        int left = 80;
        int top = 60;
        int plotHeight = 340;
        int width = Math.max(640, left + groups.size() * groupWidth + 40);
        int height = top + plotHeight + 70 + 20 * ((series.size() + 2) / 3);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, left, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(axis + (logScale ? " (log scale)" : ""), left, 46);

        double max = 0;
        double min = Double.MAX_VALUE;
        for (Map<String, Double> values : groups.values()) {
            for (double v : values.values()) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
        }
        double low = logScale ? Math.pow(10, Math.floor(Math.log10(Math.max(min, 1e-9)))) : 0;
        double high = logScale ? Math.pow(10, Math.ceil(Math.log10(Math.max(max, 1e-9)))) : max * 1.1;
        int baseline = top + plotHeight;

        g.setColor(new Color(0xDDDDDD));
        g.setStroke(new BasicStroke(1f));
        List<Double> ticks = new ArrayList<>();
        if (logScale) {
            for (double t = low; t <= high * 1.0001; t *= 10) {
                ticks.add(t);
            }
        } else {
            for (int i = 0; i <= 5; i++) {
                ticks.add(high * i / 5);
            }
        }
        for (double t : ticks) {
            int y = baseline - (int) (plotHeight * fraction(t, low, high));
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(left, y, width - 20, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(Measurement.format(t), 8, y + 4);
        }

        int x = left + 10;
        for (Map.Entry<String, Map<String, Double>> group : groups.entrySet()) {
            for (int s = 0; s < series.size(); s++) {
                Double value = group.getValue().get(series.get(s));
                if (value == null) {
                    continue;
                }
                int barHeight = (int) (plotHeight * fraction(value, low, high));
                g.setColor(PALETTE[s % PALETTE.length]);
                g.fillRect(x + s * 22, baseline - barHeight, 18, barHeight);
            }
            g.setColor(Color.BLACK);
            g.drawString(group.getKey(), x, baseline + 16);
            x += groupWidth;
        }
        g.drawLine(left, baseline, width - 20, baseline);

        int legendY = baseline + 40;
        for (int s = 0; s < series.size(); s++) {
            int lx = left + (s % 3) * 220;
            int ly = legendY + (s / 3) * 20;
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(lx, ly - 10, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s), lx + 18, ly);
        }
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private double fraction(double value, double low, double high) {
        if (logScale) {
            double v = Math.max(value, low);
            return (Math.log10(v) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
        }
        return value / high;
    }
}
