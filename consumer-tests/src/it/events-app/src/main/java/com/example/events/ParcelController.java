package com.example.events;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
public class ParcelController {

	private final ParcelRepository parcels;

	private final ChangeLog changes;

	public ParcelController(ParcelRepository parcels, ChangeLog changes) {
		this.parcels = parcels;
		this.changes = changes;
	}

	@PostMapping("/parcels")
	@ResponseStatus(HttpStatus.CREATED)
	public Parcel create(@RequestBody Parcel parcel) {
		return this.parcels.save(parcel);
	}

	@GetMapping("/parcels/{id}")
	public Parcel get(@PathVariable String id) {
		return this.parcels.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** The changes the table's stream delivered so far. */
	@GetMapping("/changes")
	public List<ChangeLog.Entry> changes() {
		return this.changes.entries();
	}

}
