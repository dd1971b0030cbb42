package com.example.reference.reactive;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(versioned = true)
@IndexKey(index = "gsi1", partition = "board#{board}")
public record Card(@Id String id, @Version Long version, String board, String title, String lane) {

	public Card moveTo(String lane) {
		return new Card(this.id, this.version, this.board, this.title, lane);
	}

}
