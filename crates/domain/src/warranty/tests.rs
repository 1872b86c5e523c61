use proptest::prelude::*;
use time::macros::date;

use super::*;
use crate::fixtures::{T0, cny, line, part};

const IN: WarrantyState = WarrantyState::InWarranty { until: date!(2027 - 01 - 01) };
const OUT: WarrantyState = WarrantyState::Expired { ended: date!(2026 - 01 - 01) };

fn policy() -> ChargingPolicy {
    ChargingPolicy::default_for(Currency::CNY)
}

#[test]
fn in_warranty_quality_fault_is_free() {
    let p = part("FAN-7", 30_000, 45_000);
    let q = price_job(&policy(), IN, &[line(1, &p, 2, FaultOrigin::Quality)], 90).unwrap();
    assert_eq!(q.total, cny(0));
    assert_eq!(q.lines[0].situation, Situation::InWarrantyQuality);
    assert_eq!(q.lines[0].explain_en(), "In warranty, quality fault: free");
    assert!(!q.needs_acceptance());
    assert!(q.check_accepted(None).is_ok());
}

#[test]
fn misuse_in_warranty_charges_parts_at_cost_and_labour_free() {
    let p = part("FAN-7", 30_000, 45_000);
    let q = price_job(&policy(), IN, &[line(1, &p, 2, FaultOrigin::Misuse)], 90).unwrap();
    assert_eq!(q.lines[0].unit_charge, cny(30_000));
    assert_eq!(q.lines[0].total, cny(60_000));
    assert_eq!(q.labour, cny(0));
    assert_eq!(q.total, cny(60_000));
    assert_eq!(q.lines[0].explain_zh(), "保修期内，人为损坏：配件收费");
}

#[test]
fn out_of_warranty_charges_parts_and_the_configured_labour() {
    let mut pol = policy();
    pol.out_of_warranty.labour_per_hour = 20_000;
    pol.out_of_warranty.service_fee = 5_000;
    let p = part("FAN-7", 30_000, 45_000);
    let q = price_job(&pol, OUT, &[line(1, &p, 1, FaultOrigin::Quality)], 45).unwrap();
    assert_eq!(q.labour, cny(15_000));
    assert_eq!(q.total, cny(30_000 + 15_000 + 5_000));
    assert_eq!(q.labour_situation, Situation::OutOfWarranty);
}

#[test]
fn a_consumable_changed_in_warranty_is_no_quality_fault_and_costs_what_the_policy_says() {
    let filter = part("FLT-0042", 8_000, 12_000).of_class(PartClass::Consumable);
    let fan = part("FAN-7", 30_000, 45_000);
    let lines = [line(1, &filter, 2, FaultOrigin::Quality), line(2, &fan, 1, FaultOrigin::Quality)];
    let q = price_job(&policy(), IN, &lines, 60).unwrap();
    assert_eq!(q.lines[0].situation, Situation::InWarrantyConsumable);
    assert_eq!(q.lines[0].total, cny(16_000), "at cost by default");
    assert_eq!(q.lines[0].explain_zh(), "易耗件，不在保修范围内：配件收费");
    assert_eq!(q.lines[1].total, cny(0), "the fan motor's quality fault is still free");
    assert_eq!((q.labour_situation, q.labour), (Situation::InWarrantyQuality, cny(0)));
    assert!(q.needs_acceptance());

    let mut contract = policy();
    contract.consumables = PartsCharge::Free;
    let q = price_job(&contract, IN, &lines, 60).unwrap();
    assert_eq!((q.total, q.lines[0].explain_en()), (cny(0), "Consumable: free by company policy"));
    let q = price_job(&contract, OUT, &lines, 60).unwrap();
    assert_eq!(q.lines[0].situation, Situation::OutOfWarranty, "out of warranty every part is charged");
    assert_eq!(q.lines[0].total, cny(16_000));
}

#[test]
fn a_misused_consumable_does_not_make_the_labour_misuse() {
    let mut pol = policy();
    pol.in_warranty_misuse.labour_per_hour = 20_000;
    let filter = part("FLT-0042", 8_000, 12_000).of_class(PartClass::Consumable);
    let q = price_job(&pol, IN, &[line(1, &filter, 1, FaultOrigin::Misuse)], 60).unwrap();
    assert_eq!((q.labour_situation, q.labour), (Situation::InWarrantyQuality, cny(0)));
}

#[test]
fn unknown_warranty_is_out_of_warranty() {
    let p = part("FAN-7", 100, 200);
    let q = price_job(&policy(), WarrantyState::Unknown, &[line(1, &p, 1, FaultOrigin::Quality)], 0).unwrap();
    assert_eq!(q.total, cny(100));
}

#[test]
fn a_charge_needs_acceptance_of_exactly_that_total() {
    let p = part("FAN-7", 100, 200);
    let q = price_job(&policy(), OUT, &[line(1, &p, 1, FaultOrigin::Quality)], 0).unwrap();
    let err = q.check_accepted(None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "The customer has not accepted the quote of CNY 1.00: show the quote and record their acceptance first; the charged repair, its result, the completion and the signature wait for it"
    );
    let ok = QuoteAcceptance::of(&q, "李经理", T0, AcceptanceMethod::Confirmation).unwrap();
    assert!(q.check_accepted(Some(&ok)).is_ok());
    let bigger = price_job(&policy(), OUT, &[line(1, &p, 2, FaultOrigin::Quality)], 0).unwrap();
    assert!(bigger.check_accepted(Some(&ok)).is_err(), "a changed total needs a new acceptance");
    assert!(QuoteAcceptance::of(&q, " ", T0, AcceptanceMethod::Signature).is_err());
}

#[test]
fn a_negative_fee_in_the_policy_is_refused() {
    let mut pol = policy();
    pol.out_of_warranty.labour_per_hour = -1;
    assert!(price_job(&pol, OUT, &[], 10).is_err());
}

fn any_warranty() -> impl Strategy<Value = WarrantyState> {
    prop_oneof![Just(IN), Just(OUT), Just(WarrantyState::Unknown)]
}

proptest! {
    /// Totals add up, nothing is negative, quality faults in warranty are free, charged lines
    /// use the cost price, and labour follows the configured rate rounded up to a minor unit.
    #[test]
    fn pricing_invariants(
        warranty in any_warranty(),
        lines in proptest::collection::vec((0i64..1_000_000, 0i64..1_000_000, 1i64..100, any::<bool>()), 0..20),
        minutes in 0u32..2_000,
        rate in 0i64..100_000,
    ) {
        let mut pol = policy();
        pol.out_of_warranty.labour_per_hour = rate;
        let part_lines: Vec<_> = lines.iter().enumerate().map(|(i, (cost, price, qty, misuse))| {
            let p = part("P-1", *cost, *price);
            let origin = if *misuse { FaultOrigin::Misuse } else { FaultOrigin::Quality };
            line(i as u128, &p, *qty, origin)
        }).collect();
        let q = price_job(&pol, warranty, &part_lines, minutes).unwrap();
        let sum: i64 = q.lines.iter().map(|l| l.total.minor).sum();
        prop_assert_eq!(q.parts_total.minor, sum);
        prop_assert_eq!(q.total.minor, sum + q.labour.minor + q.service_fee.minor);
        prop_assert!(q.total.minor >= 0);
        for (priced, input) in q.lines.iter().zip(&part_lines) {
            prop_assert_eq!(priced.total.minor, priced.unit_charge.minor * i64::from(input.quantity));
            match priced.situation {
                Situation::InWarrantyQuality => prop_assert_eq!(priced.total.minor, 0),
                _ => prop_assert_eq!(priced.unit_charge, input.unit_cost),
            }
            prop_assert_eq!(priced.situation == Situation::OutOfWarranty, !warranty.covered());
        }
        if warranty.covered() {
            prop_assert_eq!(q.labour.minor, 0);
        } else {
            let exact = rate * i64::from(minutes);
            prop_assert!(q.labour.minor * 60 >= exact && q.labour.minor * 60 < exact + 60);
        }
        prop_assert_eq!(q.needs_acceptance(), q.total.minor > 0);
    }
}

#[test]
fn situations_and_charges_are_named_as_they_travel_and_worded_in_both_languages() {
    use crate::customer::Language;
    for s in Situation::ALL {
        assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        assert_ne!(s.label(Language::En), s.label(Language::ZhCn));
    }
    for c in PartsCharge::ALL {
        assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        assert_ne!(c.label(Language::En), c.label(Language::ZhCn));
    }
}
