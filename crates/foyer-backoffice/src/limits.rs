//! How much a caller may send: anything a caller controls is capped before
//! it is read into memory or stored. The API's body layer, the event batch
//! check and the console guard's form read all take their caps from here,
//! so one number cannot drift apart from another.

/// The largest request body accepted (an event batch of a few hundred).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// The most events one batch may carry.
pub const MAX_BATCH_EVENTS: usize = 1000;
