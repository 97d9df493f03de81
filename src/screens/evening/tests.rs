//! The evening's keys and layout, drawn windowless.

use super::*;
use crate::i18n::Tr;
use crate::screens::shared::{frame, frame_at, names, picture_of, placed};
use crate::session::Session;

/// One frame of the evening with `keys` pressed: her choice, and the frame's names.
fn press(s: &Session, lang: Lang, keys: &[Key]) -> (Vec<Do>, Vec<String>) {
    let tr = Tr::load();
    let mut st = Settings::default();
    st.prefs.lang = lang;
    st.setup.guide = false;
    let mut did = Vec::new();
    let out = frame(keys, true, |ui| {
        did = body(ui, &View::new(&tr, &st, Some(s)))
    });
    (did, names(&out))
}

/// Level 1's first evening (the day ended at once), the guide read.
fn first_evening() -> Session {
    let mut s = Session::new("01", 7).expect("level 1");
    s.close_card(true);
    s.act(Action::EndDay);
    s.close_card(true);
    assert!(s.evening().is_some(), "the evening's ledger");
    s
}

#[test]
fn the_evening_plans_tomorrow_and_enter_sleeps() {
    let s = first_evening();
    let meals = s.state().home.meals;
    // The four plans by their digits: the one in force is no change.
    let plans = [
        Meals {
            grain: Grain::Rice,
            count: 3,
        },
        Meals {
            grain: Grain::Corn,
            count: 3,
        },
        Meals {
            grain: Grain::Corn,
            count: 2,
        },
        Meals {
            grain: Grain::Porridge,
            count: 2,
        },
    ];
    for (k, plan) in plans.into_iter().enumerate() {
        let (did, _) = press(&s, Lang::En, &[ui::digit(k + 1)]);
        let want: Vec<Do> = (plan != meals)
            .then_some(Do::Act(Action::SetMeals { meals: plan }))
            .into_iter()
            .collect();
        assert_eq!(did, want, "[{}]", k + 1);
    }
    let (did, _) = press(&s, Lang::En, &[Key::G]);
    let eight_three = !s.state().home.eight_three;
    assert_eq!(did, vec![Do::Act(Action::SetWork { eight_three })]);
    for lang in [Lang::En, Lang::Ko] {
        let (did, shown) = press(&s, lang, &[Key::Enter]);
        assert_eq!(did, vec![Do::Go(Screen::Morning)], "{lang:?}");
        assert!(shown.iter().any(|n| n.starts_with("[Enter] ")), "{shown:?}");
        assert!(shown.iter().any(|n| n.starts_with("[G] ")), "{shown:?}");
    }
    let (did, _) = press(&s, Lang::En, &[]);
    assert!(did.is_empty());
}

/// Issue 35 ("put the scene first"): where the page is large enough the room is the page,
/// its picture from the page's top, and the ledger an open notebook in front of the
/// family: its heading (the day) on the left page, the way to bed on the right.
/// At twice the text size the page is laid out as before: the heading over the picture.
#[test]
fn the_evening_is_a_room_with_its_ledger_open_in_front_of_the_family() {
    let s = first_evening();
    let tr = Tr::load();
    let mut st = Settings::default();
    st.setup.guide = false;
    let heading = tr.get(Lang::En, "evening.heading").to_string();
    for zoom in [1.0, 2.0] {
        let out = frame_at(&[], true, zoom, true, 2, |ui| {
            body(ui, &View::new(&tr, &st, Some(&s)));
        });
        let shown = placed(&out);
        let pic = picture_of(&shown).expect("the family's picture");
        let at = |name: &str| {
            shown
                .iter()
                .find(|(n, _, _)| n.starts_with(name))
                .map(|(_, _, r)| *r)
                .unwrap_or_else(|| panic!("{name}: {shown:?}"))
        };
        let (title, bed) = (at(&heading), at("[Enter] "));
        if zoom == 1.0 {
            assert!(pic.top() < 12.0, "the room from the page's top: {pic:?}");
            assert!(
                pic.width() > 880.0,
                "edge to edge beside the phone: {pic:?}"
            );
            assert!(
                title.top() > pic.center().y,
                "the ledger in front: {title:?}"
            );
            let fold = pic.center().x;
            assert!(title.right() < fold, "the day on the left page: {title:?}");
            assert!(bed.left() > fold, "to bed on the right page: {bed:?}");
        } else {
            assert!(
                title.bottom() <= pic.top(),
                "the heading first at x2: {title:?}"
            );
        }
    }
}

/// On the last evening there is no tomorrow to plan: no meal keys; Enter ends the game.
#[test]
fn the_last_evening_sleeps_into_the_ending() {
    let mut s = Session::for_class("01", 7, "MAPLE7", Some(5)).expect("level 1");
    s.close_card(true);
    while !s.state().last_evening && s.state().ending.is_none() {
        s.act(Action::EndDay);
        s.close_card(true);
    }
    assert!(s.state().last_evening, "the fifth evening");
    let (did, shown) = press(&s, Lang::En, &[Key::Num1]);
    assert!(did.is_empty(), "no plan for a tomorrow that does not come");
    assert!(!shown.iter().any(|n| n.starts_with("[1] ")), "{shown:?}");
    let (did, _) = press(&s, Lang::Ko, &[Key::Enter]);
    assert_eq!(did, vec![Do::Act(Action::EndDay)]);
}

/// Two requests on one evening: meeting the first leaves the second where it was.
#[test]
fn a_met_request_keeps_its_place_and_the_others_keep_their_keys() {
    let w = crate::content::load_level("01").expect("level 1");
    let mut rng = new_rng(3);
    let (mut s, _) = new_game(w.clone(), &mut rng);
    // Open two of the level's requests on the same evening.
    let n = w.lv().household.requests.len();
    assert!(n >= 2, "level 1 has requests");
    s.home.open = vec![0, 1];
    for r in [0u16, 1] {
        let q = &w.lv().household.requests[r as usize];
        s.day = q.day as u16; // the evening of its day
    }
    let before = evening_requests(&s);
    assert_eq!(before.iter().map(|p| p.0).collect::<Vec<_>>(), vec![0, 1]);
    s.wallet.won = 10_000_000;
    let ev = apply(&mut s, Action::Meet { request: 0 }, &mut rng);
    assert!(!matches!(ev[..], [Event::Rejected(_)]), "{ev:?}");
    let after = evening_requests(&s);
    let pos = |l: &[(u16, bool)], r| l.iter().position(|p| p.0 == r);
    assert_eq!(
        pos(&after, 1),
        pos(&before, 1),
        "the second request keeps its key: {after:?}"
    );
    assert_eq!(
        after.iter().find(|p| p.0 == 0).map(|p| p.1),
        Some(true),
        "the first is shown met"
    );
}
