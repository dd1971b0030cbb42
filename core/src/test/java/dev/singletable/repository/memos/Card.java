package dev.singletable.repository.memos;

import org.springframework.data.annotation.Id;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain, uncompressed class with a computed getter.
 */
@SingleTableEntity(compression = SingleTableEntity.Compression.DISABLED)
@IndexKey(index = "gsi4", partition = "deck#{deck}", sort = "{front}")
public class Card {

	@Id
	private String id;

	private String deck;

	private String front;

	private String back;

	public Card() {
	}

	public Card(String deck, String front, String back) {
		this.deck = deck;
		this.front = front;
		this.back = back;
	}

	public String getId() {
		return this.id;
	}

	public void setId(String id) {
		this.id = id;
	}

	public String getDeck() {
		return this.deck;
	}

	public void setDeck(String deck) {
		this.deck = deck;
	}

	public String getFront() {
		return this.front;
	}

	public void setFront(String front) {
		this.front = front;
	}

	public String getBack() {
		return this.back;
	}

	public void setBack(String back) {
		this.back = back;
	}

	/** Computed, not stored. */
	@JsonIgnore
	public String getSummary() {
		return this.front + "/" + this.back;
	}

	/** A closed projection of the computed getter. */
	public interface SummaryView {

		String getSummary();

	}

}
