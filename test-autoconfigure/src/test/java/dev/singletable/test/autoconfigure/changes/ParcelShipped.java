package dev.singletable.test.autoconfigure.changes;

/**
 * Published when a parcel is shipped, in the transaction that saves it.
 *
 * @param parcelId the parcel
 * @param destination where it goes
 */
public record ParcelShipped(String parcelId, String destination) {
}
