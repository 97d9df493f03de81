//! Every fact the game shows comes from a card of the catalog, and every card names its
//! source; the three levels each carry cards of their own.

use haeju_trader::content;
use haeju_trader::rules::*;
use std::collections::BTreeSet;

fn catalog() -> FactCatalog {
    let path = content::levels_dir().join("facts.ron");
    let text = content::read_text(&path).expect("the catalog ships");
    parse_catalog("facts.ron", &text).expect("the catalog parses")
}

fn levels() -> Vec<(String, Level)> {
    content::level_files()
        .into_iter()
        .filter(|p| p.file_stem().is_some_and(|s| s != "facts"))
        .map(|p| {
            let w = content::load_level(&p.to_string_lossy()).expect("level loads");
            (p.display().to_string(), w.lv().clone())
        })
        .collect()
}

/// Every card id a level can put on screen: its list, and what its inspectors, news and
/// campaigns point to.
fn shown(lv: &Level) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = lv.facts.iter().cloned().collect();
    ids.extend(lv.inspectors.iter().filter_map(|i| i.fact.clone()));
    ids.extend(lv.info_events.iter().filter_map(|i| i.fact.clone()));
    ids.extend(lv.campaigns.iter().filter_map(|c| c.fact.clone()));
    ids
}

#[test]
fn every_card_the_game_can_show_is_in_the_catalog_with_a_named_source() {
    let cat = catalog();
    assert!(cat.cards.len() >= 30, "{} cards", cat.cards.len());
    for card in &cat.cards {
        let src = card
            .source
            .unwrap_or_else(|| panic!("{} has no source", card.id));
        let outlet = cat.sources.iter().find(|s| s.id == src);
        assert!(
            outlet.is_some_and(|s| s.outlet.missing().is_none()),
            "{}: source {src} has no outlet",
            card.id
        );
        assert!(
            !card.text.en.is_empty() && !card.text.ko.is_empty(),
            "{} lacks a language",
            card.id
        );
        assert!(
            !card.title.en.is_empty() && !card.title.ko.is_empty(),
            "{} lacks a title",
            card.id
        );
    }
    let ids: BTreeSet<&str> = cat.cards.iter().map(|c| c.id.as_str()).collect();
    // The cards the game's own mechanics bring up.
    for id in content::MECHANIC_CARDS {
        assert!(
            ids.contains(id),
            "the game can show `{id}`, which is not a card"
        );
    }
    for (file, lv) in levels() {
        for id in shown(&lv) {
            assert!(
                ids.contains(id.as_str()),
                "{file} shows `{id}`, which is not a card"
            );
        }
    }
    // The founding testimony is credited as source 1.
    let t = cat
        .cards
        .iter()
        .find(|c| c.id == "testimony")
        .expect("testimony card");
    assert_eq!(t.source, Some(1));
}

#[test]
fn three_levels_each_with_eight_cards_of_its_own_and_two_pieces_of_news() {
    let levels = levels();
    assert!(levels.len() >= 3);
    // Each level brings eight cards no earlier level had (the mechanics' cards are met in
    // level 1 and carried by every level after it, so that a class starting at level 2 or 3
    // sees each mechanic's source too).
    for (i, (file, lv)) in levels.iter().enumerate() {
        let others: BTreeSet<String> = levels
            .iter()
            .enumerate()
            .filter(|(j, _)| *j < i)
            .flat_map(|(_, (_, o))| shown(o))
            .collect();
        let own = shown(lv)
            .into_iter()
            .filter(|f| !others.contains(f))
            .count();
        assert!(own >= 8, "{file}: {own} cards of its own");
        assert!(
            lv.info_events.len() >= 2,
            "{file}: {} news events",
            lv.info_events.len()
        );
        assert!(
            !lv.simplifications.is_empty(),
            "{file} names what it simplifies"
        );
        assert!(!lv.messages.is_empty(), "{file} has scripted messages");
    }
    // Each level its own mix of inspectors.
    let mixes: BTreeSet<Vec<(String, u32)>> = levels
        .iter()
        .map(|(_, lv)| {
            lv.inspectors
                .iter()
                .map(|i| (i.id.clone(), i.weight))
                .collect()
        })
        .collect();
    assert_eq!(
        mixes.len(),
        levels.len(),
        "each level has its own inspector mix"
    );
}
