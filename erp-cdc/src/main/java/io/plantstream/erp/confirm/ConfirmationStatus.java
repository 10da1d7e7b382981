package io.plantstream.erp.confirm;

/** What a confirmation row reports to the ERP. */
public enum ConfirmationStatus {
    STARTED, PARTIAL, FINISHED, ABORTED
}
