package dev.singletable.console.showcase;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.singletable.console.fixtures.Note;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.crosslang.PythonWriter;
import dev.singletable.test.DynamoDbLocal;

/**
 * What the showcase tests share: one {@link ShowcaseApplication} on a random port (one context for every class,
 * as their configuration is the same) over a table the Python library creates, and its data, written once: a
 * report with three versions and two blobs, a card with three versions of a payment hierarchy, a note whose values
 * are a script, three versions of a document the Python library wrote (when Python runs).
 */
@SpringBootTest(classes = ShowcaseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "singletable.table-name=" + ShowcaseTests.TABLE, "singletable.table.create=create-if-missing",
				"singletable.console.enabled=true", "singletable.blobs.bucket=console-showcase",
				"spring.main.banner-mode=off" })
public abstract class ShowcaseTests {

	/** The table, created by the Python library as a Python user would (else by the application). */
	public static final String TABLE = "console-showcase";

	/** A stored value that would run if a page did not escape it: it sets the title and a global. */
	public static final String SCRIPT = "<script>document.title='pwned';window.consolePwned=true</script>"
			+ "<img src=x onerror=\"window.consolePwned=true\">";

	@RegisterExtension
	protected static final PythonWriter python = new PythonWriter(TABLE);

	private static @Nullable Data data;

	@LocalServerPort
	protected int port;

	@Autowired
	protected SingleTableTemplate template;

	@DynamicPropertySource
	static void dynamoDbLocal(DynamicPropertyRegistry registry) {
		registry.add("singletable.endpoint", () -> DynamoDbLocal.endpoint().toString());
	}

	@BeforeEach
	void writeTheDataOnce() {
		synchronized (ShowcaseTests.class) {
			if (data == null) {
				data = write(this.template);
			}
		}
	}

	/** The data, written before each test. */
	protected static Data data() {
		Data written = data;
		if (written == null) {
			throw new IllegalStateException("No data written yet");
		}
		return written;
	}

	protected String base() {
		return "http://localhost:" + this.port;
	}

	private static Data write(SingleTableTemplate template) {
		byte[] chart = chart();
		for (int week = 1; week <= 6; week++) {
			template.create(new Report(null, null, "weekly report " + week, (week % 2 == 0) ? "bob" : "ann",
					"Week " + week + ": nothing to report.", null));
		}
		Report report = template.create(new Report(null, null, "first draft", "ann", "Quarterly numbers: up.", chart));
		report = template.update(report.withTitle("second draft"));
		template.update(report.withTitle("final"));
		Payment.Card card = template.create(new Payment.Card(null, null, "c1", "4242"));
		card = template.update(new Payment.Card(card.id(), card.version(), "c1", "1111"));
		template.update(new Payment.Card(card.id(), card.version(), "c1", "0005"));
		Payment.Transfer transfer = template.create(new Payment.Transfer(null, null, "c1", "DE89 3704"));
		Note note = template.create(Note.of(SCRIPT, SCRIPT));
		note = template.update(note.withTitle(SCRIPT + " v2"));
		template.update(note.withTitle(SCRIPT + " v3"));
		String doc = null;
		if (python.available()) {
			doc = python.create("CrossDoc", Map.of("title", "written by Python", "owner", "py", "tags", List.of("a")));
			python.update("CrossDoc", doc, Map.of("title", "updated by Python"));
			python.update("CrossDoc", doc, Map.of("title", "updated by Python again", "count", 3));
		}
		return new Data(report.id(), chart, card.id(), transfer.id(), note.id(), doc);
	}

	/** A small PNG: a bar chart. */
	static byte[] chart() {
		BufferedImage image = new BufferedImage(120, 60, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, 120, 60);
		graphics.setColor(new Color(0x2b6cb0));
		int[] heights = { 20, 35, 28, 50 };
		for (int i = 0; i < heights.length; i++) {
			graphics.fillRect(10 + i * 28, 60 - heights[i], 20, heights[i]);
		}
		graphics.dispose();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * The ids of what was written.
	 * @param report the report (3 versions, 2 blobs)
	 * @param chart the report's PNG
	 * @param card the card (3 versions)
	 * @param transfer the transfer (1 version)
	 * @param note the note whose title and owner are {@link #SCRIPT} (3 versions)
	 * @param pythonDoc the document Python wrote (3 versions), or null without Python
	 */
	protected record Data(String report, byte[] chart, String card, String transfer, String note,
			@Nullable String pythonDoc) {

	}

}
