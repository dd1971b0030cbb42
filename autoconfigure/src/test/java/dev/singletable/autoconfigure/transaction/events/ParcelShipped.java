package dev.singletable.autoconfigure.transaction.events;

/**
 * The domain event of a {@link Parcel}.
 *
 * @param parcelId the parcel's id
 * @param state the parcel's state
 */
public record ParcelShipped(String parcelId, String state) {

}
