//! Converting at the edge: every wire type has a twin in the domain, and [`mirror!`] writes the
//! conversions both ways field by field. The destructuring is exhaustive, so a field or variant
//! added to either side fails to compile until the wire decides what travels.
//!
//! Plain values whose form is already a contract of their own (ids, money, dates, ratings) are
//! the same type on both sides.

use outpost_domain::ids::{
    CallbackId, ClientId, ComplaintId, ContactId, CustomerId, EngineerId, EquipmentId, JobId, PartId, PartLineId,
    PartsRequestId, PlanId, SiteId,
};
use outpost_domain::money::{Currency, Money};
use outpost_domain::rating::Rating;
use time::{Date, OffsetDateTime};

/// One value converted across the edge.
pub(crate) trait Edge<T> {
    fn edge(self) -> T;
}

impl<A: Edge<B>, B> Edge<Option<B>> for Option<A> {
    fn edge(self) -> Option<B> {
        self.map(Edge::edge)
    }
}

impl<A: Edge<B>, B> Edge<Vec<B>> for Vec<A> {
    fn edge(self) -> Vec<B> {
        self.into_iter().map(Edge::edge).collect()
    }
}

macro_rules! same {
    ($($t:ty),* $(,)?) => {
        $(impl Edge<$t> for $t {
            fn edge(self) -> $t {
                self
            }
        })*
    };
}

same!(String, bool, u8, u32, u64, i64, Date, OffsetDateTime, Money, Currency, Rating);
same!(
    CallbackId,
    ClientId,
    ComplaintId,
    ContactId,
    CustomerId,
    EngineerId,
    EquipmentId,
    JobId,
    PartId,
    PartLineId,
    PartsRequestId,
    PlanId,
    SiteId
);

/// `mirror!(Wire = domain::path::Type { field, … })` for a struct, or
/// `mirror!(Wire = enum module::Type { Variant { field, … }, Unit {}, … })` for an enum:
/// `From` both ways, each field through [`Edge`].
macro_rules! mirror {
    ($wire:ident = enum $module:ident :: $domain:ident { $($variant:ident { $($field:ident),* }),* $(,)? }) => {
        impl From<$module::$domain> for $wire {
            fn from(value: $module::$domain) -> $wire {
                match value {
                    $($module::$domain::$variant { $($field),* } => $wire::$variant { $($field: $crate::edge::Edge::edge($field)),* },)*
                }
            }
        }
        impl From<$wire> for $module::$domain {
            fn from(value: $wire) -> $module::$domain {
                match value {
                    $($wire::$variant { $($field),* } => $module::$domain::$variant { $($field: $crate::edge::Edge::edge($field)),* },)*
                }
            }
        }
        $crate::edge::both_ways!($wire = $module::$domain);
    };
    ($wire:ident = $($domain:ident)::+ { $($field:ident),* $(,)? }) => {
        impl From<$($domain)::+> for $wire {
            fn from(value: $($domain)::+) -> $wire {
                let $($domain)::+ { $($field),* } = value;
                $wire { $($field: $crate::edge::Edge::edge($field)),* }
            }
        }
        impl From<$wire> for $($domain)::+ {
            fn from(value: $wire) -> $($domain)::+ {
                let $wire { $($field),* } = value;
                $($domain)::+ { $($field: $crate::edge::Edge::edge($field)),* }
            }
        }
        $crate::edge::both_ways!($wire = $($domain)::+);
    };
}

/// [`Edge`] both ways for a pair with `From` both ways.
macro_rules! both_ways {
    ($wire:ident = $($domain:ident)::+) => {
        impl $crate::edge::Edge<$wire> for $($domain)::+ {
            fn edge(self) -> $wire {
                self.into()
            }
        }
        impl $crate::edge::Edge<$($domain)::+> for $wire {
            fn edge(self) -> $($domain)::+ {
                self.into()
            }
        }
    };
}

pub(crate) use {both_ways, mirror};
