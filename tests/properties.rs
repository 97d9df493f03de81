//! Invariants over random action sequences (proptest).

mod common;
use common::*;
use haeju_trader::rules::*;
use proptest::prelude::*;

fn action() -> impl Strategy<Value = Action> {
    let cur = prop_oneof![
        Just(Currency::Won),
        Just(Currency::Yuan),
        Just(Currency::Usd)
    ];
    let item = 0u32..40;
    prop_oneof![
        4 => (0u16..9).prop_map(|to| Action::Travel { to }),
        2 => (0u16..7, 1u32..80, cur.clone()).prop_map(|(good, qty, currency)| Action::Buy { good, qty, currency }),
        2 => (0u16..7, 1u32..80, cur.clone()).prop_map(|(good, qty, currency)| Action::Sell { good, qty, currency }),
        1 => (cur.clone(), cur.clone(), 1i64..500_000).prop_map(|(from, to, amount)| Action::Exchange { from, to, amount }),
        1 => item.clone().prop_map(|contact| Action::Call { contact }),
        1 => item.clone().prop_map(|item| Action::Read { item }),
        1 => item.clone().prop_map(|item| Action::Delete { item }),
        1 => (item.clone(), prop_oneof![Just("오빠".to_string()), Just("Comrade ♥".to_string()), Just(String::new())])
            .prop_map(|(item, name)| Action::Rename { item, name }),
        1 => item.clone().prop_map(|item| Action::RemoveHeart { item }),
        1 => item.clone().prop_map(|item| Action::MoveToSd { item }),
        1 => item.clone().prop_map(|item| Action::MoveToInternal { item }),
        1 => Just(Action::HideSd),
        1 => Just(Action::ShowSd),
        1 => Just(Action::RepairWipe),
        1 => item.clone().prop_map(|item| Action::RepairConvert { item }),
        1 => item.clone().prop_map(|item| Action::Forward { item }),
        1 => item.clone().prop_map(|item| Action::Keep { item }),
        3 => Just(Action::HandOver),
        1 => Just(Action::Talk),
        1 => (cur.clone(), -5i64..3_000_000).prop_map(|(currency, amount)| Action::Bribe { currency, amount }),
        1 => Just(Action::Refuse),
        1 => cur.prop_map(|currency| Action::BuyPhone { currency }),
        1 => (0u16..300).prop_map(|minutes| Action::Wait { minutes }),
        1 => Just(Action::EndDay),
    ]
}

/// Won value of cash plus one good's stock at a fixed price.
fn value(s: &GameState, good: usize, price: i64) -> i64 {
    s.cash_won() + s.stock[good] as i64 * price
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_play_keeps_the_invariants(seed in 0u64..1_000_000, actions in prop::collection::vec(action(), 1..250)) {
        let w = level1();
        let mut rng = new_rng(seed);
        let (mut s, _) = new_game(w.clone(), &mut rng);
        for a in actions {
            let before = s.clone();
            let trade_good = match a {
                Action::Buy { good, .. } | Action::Sell { good, .. } => Some(good as usize),
                _ => None,
            };
            // What her own trade moves the price by, before it is made.
            let slip = match a {
                Action::Buy { good, qty, .. } | Action::Sell { good, qty, .. } => {
                    let sell = matches!(a, Action::Sell { .. });
                    let g = good as usize;
                    (g < w.n_goods)
                        .then(|| s.price(g, s.place as usize).zip(s.trade_total(g, s.place as usize, qty, sell)))
                        .flatten()
                        .map_or(0, |(p, total)| (p * qty as i64 - total).abs())
                }
                _ => 0,
            };
            let price = trade_good.and_then(|g| (g < w.n_goods).then(|| s.price(g, s.place as usize)).flatten());
            let ev = apply(&mut s, a.clone(), &mut rng);

            // A rejected action changes nothing.
            if let [Event::Rejected(_)] = ev[..] {
                prop_assert_eq!(ron::to_string(&before).unwrap(), ron::to_string(&s).unwrap());
                continue;
            }
            // No negative money.
            prop_assert!(s.wallet.won >= 0 && s.wallet.yuan >= 0 && s.wallet.usd >= 0, "{:?}", s.wallet);
            prop_assert!(s.phone.credit >= 0);
            // A trade conserves value but for the stall fee, the price her own trade moves
            // (see `trade_won`) and the rounding to whole foreign notes, none of which
            // favours the trader.
            let evening = ev.iter().any(|e| matches!(e, Event::Evening { .. }));
            if let (Some(g), Some(p), false) = (trade_good, price, evening) {
                let fee: i64 = ev.iter().map(|e| if let Event::StallFee { won } = e { *won } else { 0 }).sum();
                let traded = ev.iter().find_map(|e| match e {
                    Event::Bought { currency, .. } | Event::Sold { currency, .. } => Some(*currency),
                    _ => None,
                });
                if let Some(c) = traded {
                    let diff = value(&s, g, p) + fee - value(&before, g, p);
                    let note = s.to_won(c, 1);
                    prop_assert!(diff <= 0 && diff > -note - slip, "trade changed value by {} ({:?})", diff, ev);
                }
            }
            // The screenshot log only grows, unless the repair stall wipes it or the
            // phone itself is taken (or replaced).
            let wiped = ev.iter().any(|e| matches!(e,
                Event::TraceWiped { .. } | Event::PhoneBought { .. }
                | Event::Consequence(Consequence::Confiscation | Consequence::Fine
                    | Consequence::CriticismSession | Consequence::Arrest)));
            if !wiped {
                prop_assert!(s.phone.trace.len() >= before.phone.trace.len());
                prop_assert_eq!(&s.phone.trace[..before.phone.trace.len()], &before.phone.trace[..]);
            }
            prop_assert!((s.day as u32) < w.lv().days || s.ending.is_some());
            if s.ending.is_some() {
                break;
            }
        }
        // Every game reaches an ending within the scenario's days.
        let days_left = w.lv().days - s.day as u32;
        let used = finish(&mut s, &mut rng);
        prop_assert!(used <= days_left + 1);
        prop_assert!(s.ending.is_some());
    }
}
