package io.hardening.bench.streams;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

/**
 * A plain line chart of the stream-scaling curve: p50 and p99 end-to-end latency against
 * the number of streams started at once (log scale), the starter's in solid lines and the
 * plain WebFlux stream's in thin ones, with the slower model's latency as a line.
 */
final class StreamChart {

	private static final int WIDTH = 800;

	private static final int HEIGHT = 500;

	private static final int MARGIN = 70;

	/**
	 * One burst.
	 *
	 * @param streams streams started at once
	 * @param p50Millis the starter's median end-to-end latency
	 * @param p99Millis the starter's 99th percentile
	 * @param plainP50Millis the plain stream's median
	 * @param plainP99Millis the plain stream's 99th percentile
	 */
	record Point(int streams, double p50Millis, double p99Millis, double plainP50Millis, double plainP99Millis) {
	}

	private StreamChart() {
	}

	static void write(List<Point> points, double modelMillis, Path file) throws IOException {
		System.setProperty("java.awt.headless", "true");
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, WIDTH, HEIGHT);
		double maxX = Math.log10(points.stream().mapToInt(Point::streams).max().orElse(10));
		double minX = Math.log10(points.stream().mapToInt(Point::streams).min().orElse(1));
		double maxY = Math.max(modelMillis * 1.5,
				points.stream().mapToDouble(Point::p99Millis).filter(Double::isFinite).max().orElse(1) * 1.1);
		Axis axis = new Axis(minX, Math.max(maxX, minX + 0.1), maxY);
		g.setColor(Color.BLACK);
		g.drawLine(MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN);
		g.drawLine(MARGIN, MARGIN, MARGIN, HEIGHT - MARGIN);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		for (Point point : points) {
			int x = axis.x(point.streams());
			g.drawLine(x, HEIGHT - MARGIN, x, HEIGHT - MARGIN + 5);
			g.drawString(String.valueOf(point.streams()), x - 12, HEIGHT - MARGIN + 20);
		}
		for (int i = 0; i <= 5; i++) {
			double value = maxY * i / 5;
			int y = axis.y(value);
			g.drawLine(MARGIN - 5, y, MARGIN, y);
			g.drawString(String.valueOf(Math.round(value)), MARGIN - 45, y + 4);
		}
		g.drawString("streams started at once (log scale)", WIDTH / 2 - 100, HEIGHT - 20);
		g.drawString("end-to-end ms", 10, MARGIN - 20);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
		g.drawString("Streaming endpoint, simulated Flash 200 ms and Pro 400 ms", MARGIN, 30);
		g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] { 6, 6 }, 0));
		g.setColor(Color.GRAY);
		g.drawLine(MARGIN, axis.y(modelMillis), WIDTH - MARGIN, axis.y(modelMillis));
		g.drawString("slower model", WIDTH - MARGIN - 90, axis.y(modelMillis) - 5);
		series(g, axis, points, Point::p50Millis, 2, new Color(0x1f77b4));
		series(g, axis, points, Point::p99Millis, 2, new Color(0xd62728));
		series(g, axis, points, Point::plainP50Millis, 1, new Color(0x1f77b4));
		series(g, axis, points, Point::plainP99Millis, 1, new Color(0xd62728));
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		g.setColor(new Color(0x1f77b4));
		g.drawString("p50", WIDTH - MARGIN + 10, MARGIN + 10);
		g.setColor(new Color(0xd62728));
		g.drawString("p99", WIDTH - MARGIN + 10, MARGIN + 30);
		g.setColor(Color.DARK_GRAY);
		g.drawString("thick: starter", WIDTH - MARGIN - 160, MARGIN + 10);
		g.drawString("thin: plain WebFlux", WIDTH - MARGIN - 160, MARGIN + 30);
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	private static void series(Graphics2D g, Axis axis, List<Point> points, ToDoubleFunction<Point> figure, int width,
			Color color) {
		g.setColor(color);
		g.setStroke(new BasicStroke(width));
		Integer lastX = null;
		Integer lastY = null;
		for (Point point : points) {
			double value = figure.applyAsDouble(point);
			if (!Double.isFinite(value)) {
				continue;
			}
			int x = axis.x(point.streams());
			int y = axis.y(value);
			g.fillOval(x - width - 1, y - width - 1, 2 * width + 2, 2 * width + 2);
			if (lastX != null) {
				g.drawLine(lastX, lastY, x, y);
			}
			lastX = x;
			lastY = y;
		}
	}

	private record Axis(double minLogX, double maxLogX, double maxY) {

		int x(int streams) {
			return MARGIN + (int) ((Math.log10(streams) - this.minLogX) / (this.maxLogX - this.minLogX)
					* (WIDTH - 2 * MARGIN));
		}

		int y(double millis) {
			return HEIGHT - MARGIN - (int) (millis / this.maxY * (HEIGHT - 2 * MARGIN));
		}

	}

}
