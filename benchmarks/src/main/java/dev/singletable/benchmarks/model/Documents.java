package dev.singletable.benchmarks.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates realistic article documents of about 10 KB of JSON, reproducibly from a seed.
 * <p>
 * The prose draws words from an English frequency list continued by a long tail of invented words, with
 * Zipf-distributed ranks, and mixes in common multi-word phrases, so that gzip keeps about 40% of it: as much as
 * it keeps of real English prose of this length (37–42% on English documentation and licence texts). Text made
 * of a few common words only would compress much better than a real article and flatter compression; the report
 * prints what gzip keeps of this prose next to the stored sizes.
 */
public final class Documents {

	private static final String[] COMMON = ("the of and to a in is that it for was on are as with be by this "
			+ "at from or have an they which one you were all we there can but not has more their been would "
			+ "will if when what so about into some other than its them time only these could new two may "
			+ "then do first any like now such over our even most made after also did many before must through "
			+ "years where much your way well down should because each just those how too little state good "
			+ "very make world still own see men work long get here between both life being under never day "
			+ "same another know while last might us great old year off come since against go came right used "
			+ "take three place himself few house use during without again home around small however found "
			+ "thought went say part once general high upon school every does got united left number course war "
			+ "until always away something fact though water less public put think almost hand enough far took "
			+ "head yet government system better set told nothing night end why called didn eyes find going look "
			+ "asked later knew point next program city business give group toward young days let room president "
			+ "side social given present several order national possible rather second face per among form "
			+ "important often things looked early white case john become large big need four within felt "
			+ "along children saw best church ever least power development light thing seemed family interest "
			+ "want members mind country area others done turned although open problem sense service table "
			+ "data storage query index latency request cost capacity version history record partition key "
			+ "read write update cache client server network library design pattern model field value type")
		.split(" ");

	private static final String[] PHRASES = ("of the|in the|to the|on the|for the|and the|at the|with the|from the|"
			+ "one of the|as well as|in order to|at the same time|it is not|there is a|there are|we have|that the|"
			+ "is that|it was|would be|can be|has been|have been|will be|each of the|some of the|most of the|the first|"
			+ "the same|as a result|in this case|for example|on the other hand|this means that|the number of|part of the|"
			+ "the end of|in front of|a lot of|because of the|so that the|more than|less than|the rest of the|"
			+ "in the first place|at the end of the day|for a long time|all of the|the way to|how to|what the|when the|"
			+ "if the|by the|into the|over the|after the|before the|between the|under the|through the|such as|"
			+ "the data|the request|the client|the server|the table|the index|the key|the cost|the query|the version")
		.split("\\|");

	private static final double[] PHRASE_CUMULATIVE = zipf(PHRASES.length, 1.0);

	private static final String[] SYLLABLES = { "ba", "ren", "to", "li", "mar", "ke", "so", "dan", "ve", "ro",
			"pi", "la", "tor", "ne", "qui", "sa", "mo", "ter", "ga", "fel", "di", "mon", "ca", "re", "stan", "wi",
			"hol", "ex", "pro", "ment", "tion", "al", "ing", "er", "ous", "ly", "ist", "ure" };

	private static final int TAIL = 6000;

	private static final int PHRASE_ODDS = 3;

	private static final String[] VOCABULARY = vocabulary();

	private static final double[] CUMULATIVE = zipf(VOCABULARY.length, 1.05);

	private static final String[] FIRST_NAMES = { "Ann", "Bob", "Chen", "Dara", "Elif", "Femi", "Greta", "Hiro",
			"Ines", "Jonas", "Kavya", "Luis", "Mina", "Noor", "Olga", "Pavel", "Quinn", "Rosa", "Sven", "Tariq" };

	private static final String[] LAST_NAMES = { "Adams", "Brandt", "Costa", "Dubois", "Evans", "Fischer",
			"Garcia", "Haddad", "Ivanova", "Jensen", "Kim", "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov" };

	private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

	private Documents() {
	}

	/**
	 * Returns the document of a seed: the same seed always gives the same document.
	 * @param seed the seed
	 * @return an article of about 10 KB of JSON, status {@link Status#PUBLISHED}
	 */
	public static ArticleDocument article(long seed) {
		return article(seed, 5, 8);
	}

	/**
	 * Returns a document of a chosen length: about 1.6 KB of JSON per section and 0.2 KB per comment, plus 0.6 KB.
	 * @param seed the seed
	 * @param sectionCount how many sections of three paragraphs
	 * @param commentCount how many comments
	 * @return the article, status {@link Status#PUBLISHED}
	 */
	public static ArticleDocument article(long seed, int sectionCount, int commentCount) {
		SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
		String title = capitalize(words(random, 6 + random.nextInt(5)));
		String summary = sentence(random) + " " + sentence(random);
		String author = name(random);
		List<String> tags = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			tags.add(word(random));
		}
		List<Section> sections = new ArrayList<>();
		for (int s = 0; s < sectionCount; s++) {
			List<String> paragraphs = new ArrayList<>();
			for (int p = 0; p < 3; p++) {
				paragraphs.add(paragraph(random, 3 + random.nextInt(3)));
			}
			List<Link> links = new ArrayList<>();
			for (int l = 0; l < 2; l++) {
				links.add(new Link("https://example.org/" + word(random) + "/" + String.join("-", words(random, 4).split(" ")),
						words(random, 3)));
			}
			sections.add(new Section(capitalize(words(random, 3 + random.nextInt(4))), paragraphs, links));
		}
		List<Comment> comments = new ArrayList<>();
		for (int c = 0; c < commentCount; c++) {
			Instant posted = EPOCH.plus(random.nextInt(365 * 24 * 60), ChronoUnit.MINUTES);
			comments.add(new Comment(name(random), sentence(random) + (random.nextBoolean() ? " " + sentence(random) : ""),
					random.nextInt(200), posted.toString()));
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("language", "en");
		metadata.put("readingTimeMinutes", Integer.toString(5 + random.nextInt(10)));
		metadata.put("canonicalUrl", "https://example.org/articles/" + String.join("-", title.toLowerCase().split(" ")));
		metadata.put("seoDescription", sentence(random));
		metadata.put("category", word(random));
		metadata.put("series", capitalize(words(random, 2)));
		metadata.put("license", "CC-BY-4.0");
		metadata.put("source", "editorial");
		return new ArticleDocument(title, summary, Status.PUBLISHED, author, tags, sections, comments, metadata);
	}

	/**
	 * Returns the prose of a document alone (summary, headings, paragraphs, comments), to show how well gzip
	 * compresses the generated text compared with real English.
	 * @param document the document
	 * @return its prose
	 */
	public static String prose(ArticleDocument document) {
		StringBuilder text = new StringBuilder(document.summary()).append('\n');
		for (Section section : document.sections()) {
			text.append(section.heading()).append('\n');
			section.paragraphs().forEach((paragraph) -> text.append(paragraph).append('\n'));
		}
		document.comments().forEach((comment) -> text.append(comment.text()).append('\n'));
		return text.toString();
	}

	/**
	 * Returns the event of a sequence number.
	 * @param sequence the sequence number
	 * @return an unsaved event of about 300 bytes
	 */
	public static Event event(long sequence) {
		SplittableRandom random = new SplittableRandom(sequence);
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("host", "node-" + random.nextInt(64));
		attributes.put("region", "eu-west-" + (1 + random.nextInt(3)));
		attributes.put("user", FIRST_NAMES[random.nextInt(FIRST_NAMES.length)].toLowerCase() + random.nextInt(1000));
		attributes.put("message", words(random, 8));
		return new Event(null, null, null, "checkout-service", (random.nextInt(4) == 0) ? "payment.failed"
				: "payment.captured", sequence, attributes);
	}

	private static String paragraph(SplittableRandom random, int sentences) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < sentences; i++) {
			if (i > 0) {
				text.append(' ');
			}
			text.append(sentence(random));
		}
		return text.toString();
	}

	private static String sentence(SplittableRandom random) {
		int length = 8 + random.nextInt(17);
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			if (i > 0) {
				text.append((i > 3 && i < length - 2 && random.nextInt(9) == 0) ? ", " : " ");
			}
			text.append((random.nextInt(PHRASE_ODDS) == 0) ? phrase(random) : word(random));
		}
		return capitalize(text.toString()) + ((random.nextInt(10) == 0) ? "?" : ".");
	}

	private static String words(SplittableRandom random, int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			if (i > 0) {
				text.append(' ');
			}
			text.append(word(random));
		}
		return text.toString();
	}

	private static String word(SplittableRandom random) {
		int index = Arrays.binarySearch(CUMULATIVE, random.nextDouble());
		return VOCABULARY[Math.min(VOCABULARY.length - 1, (index >= 0) ? index : -index - 1)];
	}

	private static String phrase(SplittableRandom random) {
		int index = Arrays.binarySearch(PHRASE_CUMULATIVE, random.nextDouble());
		return PHRASES[Math.min(PHRASES.length - 1, (index >= 0) ? index : -index - 1)];
	}

	private static String name(SplittableRandom random) {
		return FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " " + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
	}

	private static String capitalize(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static String[] vocabulary() {
		List<String> words = new ArrayList<>(Arrays.asList(COMMON));
		SplittableRandom random = new SplittableRandom(42);
		java.util.Set<String> seen = new java.util.HashSet<>(words);
		while (words.size() < COMMON.length + TAIL) {
			int syllables = 2 + random.nextInt(3);
			StringBuilder word = new StringBuilder();
			for (int i = 0; i < syllables; i++) {
				word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
			}
			if (seen.add(word.toString())) {
				words.add(word.toString());
			}
		}
		return words.toArray(String[]::new);
	}

	private static double[] zipf(int size, double exponent) {
		double[] cumulative = new double[size];
		double total = 0;
		for (int rank = 1; rank <= size; rank++) {
			total += 1 / Math.pow(rank, exponent);
			cumulative[rank - 1] = total;
		}
		for (int i = 0; i < size; i++) {
			cumulative[i] /= total;
		}
		return cumulative;
	}

}
