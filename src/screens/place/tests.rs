//! The trade drawn windowless: its keys, its buttons' names, and every button inside the
//! screen at any text size.

use super::*;
use crate::i18n::Tr;
use crate::screens::shared::{buttons, frame, frame_at, names};

/// Level 1 at its market at eleven, with 3 kg of the first good and the guide read.
fn at_market() -> Session {
    let mut s = Session::new("01", 7).expect("level 1");
    s.close_card(true);
    let market = s
        .state()
        .lv()
        .places
        .iter()
        .position(|p| p.kind == PlaceKind::Market)
        .expect("a market");
    let st = s.stage();
    st.place = market as u16;
    st.minute = MARKET_OPEN + 60;
    st.stock[0] = 3;
    s
}

/// One frame of the trade with `keys` pressed: her choice, the form after, the names.
fn press(s: &Session, lang: Lang, keys: &[Key]) -> (Vec<Do>, TradeForm, Vec<String>) {
    let tr = Tr::load();
    let mut st = Settings::default();
    st.prefs.lang = lang;
    st.setup.guide = false;
    let mut form = TradeForm::default();
    let mut did = Vec::new();
    let out = frame(keys, true, |ui| {
        did = body(ui, &View::new(&tr, &st, Some(s)), &mut form, None);
    });
    (did, form, names(&out))
}

#[test]
fn a_goods_keys_buy_and_sell_it_and_esc_leaves() {
    let s = at_market();
    let won = Currency::Won;
    let (did, _, _) = press(&s, Lang::En, &[Key::Num1]);
    assert_eq!(
        did,
        vec![Do::Act(Action::Buy {
            good: 0,
            qty: 1,
            currency: won
        })]
    );
    // Five kilos more, then sell: never more than she has (3 kg).
    let (did, form, _) = press(&s, Lang::En, &[Key::PageUp, Key::Q]);
    assert_eq!(form.qty, 6);
    assert_eq!(
        did,
        vec![Do::Act(Action::Sell {
            good: 0,
            qty: 3,
            currency: won
        })]
    );
    // In yuan ([X]), the second good's digit.
    let (did, form, _) = press(&s, Lang::Ko, &[Key::X, Key::Num2]);
    assert_eq!(form.currency, Currency::Yuan);
    assert_eq!(
        did,
        vec![Do::Act(Action::Buy {
            good: 1,
            qty: 1,
            currency: Currency::Yuan
        })]
    );
    let (did, _, _) = press(&s, Lang::En, &[Key::Escape]);
    assert_eq!(did, vec![Do::Go(Screen::Street)]);
    let (did, _, _) = press(&s, Lang::En, &[]);
    assert!(did.is_empty(), "no key, no trade");
}

/// Each Buy and Sell button is named for a screen reader with its good, in both
/// languages ("[1] Buy rice"), and the same digit buys the same good at every place.
#[test]
fn every_trade_button_says_its_good() {
    let s = at_market();
    let lv = s.state().lv();
    for lang in [Lang::En, Lang::Ko] {
        let (_, _, shown) = press(&s, lang, &[]);
        for (gi, good) in lv.goods.iter().enumerate() {
            if s.state().price(gi, s.state().place as usize).is_none() {
                continue;
            }
            let name = good.name.get(lang);
            let buy = format!("[{}] ", gi + 1);
            assert!(
                shown
                    .iter()
                    .any(|n| n.starts_with(&buy) && n.contains(name)),
                "{lang:?}: no {buy}… {name} in {shown:?}"
            );
        }
    }
}

/// At every place that trades, at the carry limit with a little of every good (the
/// widest the table gets, "all 7 kg" wrapping), beside the phone, at text sizes 1, 1.25
/// and 2 in English and Korean: every Buy and Sell button is inside the screen's side, so
/// none needs a sideways scroll (issue 31, point 1; the table turns to cards where it does
/// not fit).
#[test]
fn every_trade_button_is_inside_the_screen_at_any_size() {
    let tr = Tr::load();
    let mut s = at_market();
    let (kinds, carry): (Vec<(usize, PlaceKind)>, u32) = {
        let lv = s.state().lv();
        let kinds = lv
            .places
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.prices.is_empty());
        (kinds.map(|(i, p)| (i, p.kind)).collect(), lv.carry_kg)
    };
    assert!(kinds.len() >= 4, "{kinds:?}");
    s.stage().stock.iter_mut().for_each(|q| *q = 7);
    let mut checked = 0;
    for (place, kind) in kinds {
        s.stage().place = place as u16;
        for lang in [Lang::En, Lang::Ko] {
            for zoom in [1.0, 1.25, 2.0] {
                let mut st = Settings::default();
                st.prefs.lang = lang;
                st.setup.guide = false;
                let mut form = TradeForm {
                    qty: carry,
                    currency: Currency::Won,
                };
                let mut side = 0.0f32;
                let out = frame_at(&[], true, zoom, true, 3, |ui| {
                    side = ui.max_rect().right();
                    body(ui, &View::new(&tr, &st, Some(&s)), &mut form, None);
                });
                let shown = buttons(&out);
                // A good's Buy button: its digit.
                let trade: Vec<_> = shown
                    .iter()
                    .filter(|(n, _)| n.chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
                    .collect();
                assert!(!trade.is_empty(), "{kind:?} {lang:?} ×{zoom}: {shown:?}");
                for (name, right) in &shown {
                    assert!(
                        *right <= f64::from(side) + 0.5,
                        "{kind:?} {lang:?} ×{zoom}: {name} ends at {right}, past {side}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 24);
}

/// The goods on the counter carry their keys (issue 35): at the market beside the phone, in
/// English and Korean, every good's Buy key is under the picture and its Sell key under it on
/// the same tag; at text size 1 all on one shelf in the level's order from left to right; at
/// twice the text size on more shelves.
#[test]
fn the_goods_on_the_counter_carry_their_keys() {
    use crate::screens::shared::{button_of, picture_of, placed};
    let tr = Tr::load();
    let s = at_market();
    let goods = (0..s.state().world.n_goods)
        .filter(|&gi| s.state().price(gi, s.state().place as usize).is_some())
        .count();
    assert!(goods >= 5, "{goods}");
    for lang in [Lang::En, Lang::Ko] {
        for zoom in [1.0, 1.25, 2.0] {
            let mut st = Settings::default();
            st.prefs.lang = lang;
            st.setup.guide = false;
            let mut form = TradeForm::default();
            let out = frame_at(&[], true, zoom, true, 3, |ui| {
                body(ui, &View::new(&tr, &st, Some(&s)), &mut form, None);
            });
            let shown = placed(&out);
            let at = |prefix: &str| button_of(&shown, prefix);
            let pic = picture_of(&shown).expect("the stall's picture");
            let sells = ["[Q] ", "[R] ", "[T] ", "[H] ", "[B] ", "[M] ", "[L] "];
            let mut last_x = f32::MIN;
            let mut shelves = std::collections::BTreeSet::new();
            for k in 0..goods {
                let buy = at(&format!("[{}] ", k + 1)).expect("a buy key");
                let sell = at(sells[k]).expect("a sell key");
                let case = format!("{lang:?} ×{zoom} good {k}");
                assert!(
                    buy.top() > pic.bottom(),
                    "{case}: its key under the picture"
                );
                assert!(
                    sell.top() >= buy.bottom() - 0.5
                        && (sell.center().x - buy.center().x).abs() < 2.0,
                    "{case}: Sell {sell:?} not under Buy {buy:?}"
                );
                shelves.insert(buy.top().round() as i32);
                if shelves.len() == 1 {
                    assert!(buy.left() > last_x, "{case}: out of order");
                    last_x = buy.left();
                }
            }
            if zoom == 1.0 {
                assert_eq!(shelves.len(), 1, "{lang:?} ×{zoom}: one shelf");
            } else if zoom == 2.0 {
                assert!(shelves.len() > 1, "{lang:?} ×{zoom}: {shelves:?}");
            }
        }
    }
}

/// The first day's market with the guide's note (issue 35): beside the phone at 1280×720 the
/// note lies on the stall's picture, inside it; every key of the trade (the goods', the money
/// changer's, the lenders', the way back) is inside the window, none under its foot; and
/// after a few frames the screen rests (no frame asked for: the note's wrapping once made the
/// picture change size every other frame).
#[test]
fn the_first_days_market_fits_with_its_note_and_rests() {
    use crate::screens::shared::{NotePlace, button_of, picture_of, placed};
    let tr = Tr::load();
    let mut s = at_market();
    s.stage().day = 0;
    let mut st = Settings::default();
    st.setup.guide = true;
    st.setup.guide_seen = 0;
    let mut form = TradeForm::default();
    let mut place = NotePlace::None;
    let mut bottom = 0.0f32;
    // (In a scroll area, as the day's pages are drawn: its bar, when shown, narrows the page.)
    let out = frame_at(&[], true, 1.0, true, 8, |ui| {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let view = View::new(&tr, &st, Some(&s));
                place = NotePlace::before(&view, ui, Some(Hint::Place));
                view.note_before(ui, place);
                body(ui, &view, &mut form, None);
                view.note_after(ui, place);
                bottom = ui.clip_rect().bottom();
            });
    });
    assert_eq!(place, NotePlace::OnPicture(Hint::Place));
    let shown = placed(&out);
    let pic = picture_of(&shown).expect("the stall's picture");
    let got_it = button_of(&shown, "[C] ").expect("the note's [C]");
    assert!(
        pic.contains_rect(got_it),
        "the note's key {got_it:?} on the picture {pic:?}"
    );
    let keys: Vec<_> = shown
        .iter()
        .filter(|(n, r, _)| *r == egui::accesskit::Role::Button && n.starts_with('['))
        .collect();
    assert!(keys.len() >= 7 * 2 + 3 + 1, "{keys:?}");
    for (name, _, b) in &keys {
        assert!(
            b.bottom() <= bottom + 0.5,
            "{name} ends at {}, the window at {bottom}",
            b.bottom()
        );
    }
    let delays: Vec<_> = out
        .viewport_output
        .values()
        .map(|v| v.repaint_delay)
        .collect();
    assert!(
        delays
            .iter()
            .all(|d| *d > std::time::Duration::from_millis(100)),
        "the screen asks for another frame: {delays:?}"
    );
}
