package com.example.reference.entities;

import org.springframework.stereotype.Service;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionConflictException;

@Service
public class ArticleEditor {

	private final SingleTableTemplate template;

	public ArticleEditor(SingleTableTemplate template) {
		this.template = template;
	}

	public Article rename(String id, String title) {
		for (int attempt = 1;; attempt++) {
			Article current = this.template.getById(Article.class, id);    // NoSuchResourceException when gone
			try {
				return this.template.update(current.withTitle(title));
			}
			catch (VersionConflictException ex) {                         // changed since read: nothing written
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

}
