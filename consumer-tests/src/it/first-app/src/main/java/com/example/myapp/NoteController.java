package com.example.myapp;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/notes")
public class NoteController {

	private final NoteRepository notes;

	private final CommentRepository comments;

	public NoteController(NoteRepository notes, CommentRepository comments) {
		this.notes = notes;
		this.comments = comments;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	public Note create(@RequestBody Note note) {
		return this.notes.save(note);
	}

	@GetMapping("/{id}")
	public Note get(@PathVariable String id) {
		return this.notes.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** Saves new text based on the version the client read; a stale version is refused (409). */
	@PutMapping("/{id}")
	public Note update(@PathVariable String id, @RequestBody Note change) {
		Note current = get(id);
		return this.notes.save(new Note(id, change.version(), current.createdAt(), current.updatedAt(),
				current.owner(), change.text()));
	}

	/** {@code GET /notes?owner=ann&page=0&size=20}: one page of an owner's notes. */
	@GetMapping
	public NotePage list(@RequestParam String owner, Pageable pageable) {
		Slice<Note> slice = this.notes.findByOwner(owner, pageable);
		return new NotePage(slice.getContent(), slice.hasNext());
	}

	@PostMapping("/{id}/comments")
	@ResponseStatus(HttpStatus.CREATED)
	public Comment comment(@PathVariable String id, @RequestBody Comment comment) {
		return this.comments.save(new Comment(null, get(id).id(), comment.text()));
	}

	@GetMapping("/{id}/comments")
	public List<Comment> comments(@PathVariable String id) {
		return this.comments.findByNoteId(id);
	}

	public record NotePage(List<Note> content, boolean hasNext) {
	}

}
