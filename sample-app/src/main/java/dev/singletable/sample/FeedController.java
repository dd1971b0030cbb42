package dev.singletable.sample;

import java.util.List;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The feed of published articles, which the outbox keeps.
 */
@RestController
@Profile("!reactive")
@RequestMapping("/api/feed")
public class FeedController {

	private final PublicationFeed feed;

	/**
	 * Creates the controller.
	 * @param feed the feed
	 */
	public FeedController(PublicationFeed feed) {
		this.feed = feed;
	}

	/**
	 * Lists the published versions, latest first.
	 * @return the entries
	 */
	@GetMapping
	public List<FeedEntry> feed() {
		return this.feed.latest();
	}

}
