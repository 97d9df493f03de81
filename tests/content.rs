//! Truth and care in what the game says: gentle intensity is gentle in every text a player
//! can meet; cards say what their sources say; dates, numbers and words follow the
//! project's research (../shared/research/facts.md) and the way a Haeju trader speaks.

use haeju_trader::i18n;
use haeju_trader::rules::*;
use std::sync::Arc;

const LEVELS: [&str; 3] = ["01", "02", "03"];

fn level(name: &str) -> Arc<World> {
    haeju_trader::content::load_level(name).unwrap_or_else(|p| panic!("{name}: {p:?}"))
}

fn guide() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/facilitator-guide.md"
    ))
    .unwrap()
}

/// The words the facilitator guide promises gentle leaves out (its own list).
fn gentle_words() -> Vec<String> {
    let g = guide();
    let line = g
        .split("gentle leaves out:")
        .nth(1)
        .expect("the guide lists what gentle leaves out");
    let list = line.split(".**").next().unwrap();
    let words: Vec<String> = list
        .split(',')
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    assert!(words.len() >= 8, "{words:?}");
    words
}

/// The same, in the Korean the game writes.
const GENTLE_WORDS_KO: [&str; 10] = [
    "상자", "관을", "시신", "시체", "유해", "피를", "총살", "처형", "고문", "구타",
];

/// Every text of a level a player can meet under gentle intensity: the interface, the
/// level's own texts, its phone, messages and news (their gentle wording where they have
/// one) and its fact cards (likewise).
fn gentle_texts(w: &World) -> Vec<(String, String)> {
    let lv = w.lv();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |what: &str, t: &Text| {
        out.push((what.to_string(), t.en.clone()));
        out.push((what.to_string(), t.ko.clone()));
    };
    add("title", &lv.title);
    add("summary", &lv.summary);
    for s in &lv.simplifications {
        add("simplification", s);
    }
    for p in &lv.places {
        add("place", &p.name);
    }
    for m in &lv.family.members {
        add("family", &m.name);
        add("family", &m.role);
    }
    for i in &lv.inspectors {
        add("inspector", &i.name);
    }
    for c in &lv.campaigns {
        add("campaign", &c.name);
    }
    for s in &w.specs {
        add(&format!("phone item {}", s.id), &s.name);
        add(&format!("phone item {}", s.id), s.body_for(true));
    }
    for id in &lv.facts {
        let card = w.catalog.cards.iter().find(|c| &c.id == id).unwrap();
        let (title, text) = card.shown(true);
        add(&format!("card {id}"), title);
        add(&format!("card {id}"), text);
    }
    for (src, lang) in [
        (i18n::EN, "en"),
        (i18n::KO, "ko"),
        (haeju_trader::handout::EN, "en"),
        (haeju_trader::handout::KO, "ko"),
    ] {
        for (k, v) in i18n::parse(src).unwrap() {
            if !k.ends_with(".full") {
                out.push((format!("{lang} string {k}"), v));
            }
        }
    }
    out
}

fn words_of(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn gentle_is_the_default_wording_everywhere_and_full_says_more() {
    let banned = gentle_words();
    for name in LEVELS {
        let w = level(name);
        for (what, text) in gentle_texts(&w) {
            let words = words_of(&text);
            for b in &banned {
                assert!(
                    !words.contains(b),
                    "level {name}, {what}: gentle shows {b:?} in {text:?}"
                );
            }
            for b in GENTLE_WORDS_KO {
                assert!(
                    !text.contains(b),
                    "level {name}, {what}: gentle shows {b:?} in {text:?}"
                );
            }
        }
    }
    // Full says what the sources say: the arrest under the 2020 law, for South Korean films.
    let en = i18n::parse(i18n::EN).unwrap();
    for k in ["cons.arrest.full", "end.arrested.text.full"] {
        assert!(
            en[k].contains("South Korean") && en[k].contains("5 to 15"),
            "{k}"
        );
    }
    // The news of the soldiers' families says what the sources say: not told how or where.
    let w = level("03");
    let news = w
        .lv()
        .info_events
        .iter()
        .find(|e| e.id == "i9-dead")
        .unwrap();
    assert!(!words_of(&news.text.en).contains(&"box".to_string()));
    assert!(news.text.en.contains("how or where"), "{}", news.text.en);
    assert!(news.gentle.is_some());
}

#[test]
fn the_content_notice_names_everything_the_game_shows() {
    let en = i18n::parse(i18n::EN).unwrap();
    let notice = &en["notice.body"];
    for what in [
        "soldiers",
        "sentences",
        "arrest",
        "bribes",
        "hungry",
        "fiction built on those facts",
    ] {
        assert!(notice.contains(what), "the notice does not name {what:?}");
    }
}

#[test]
fn the_testimony_is_a_video_interview_and_its_quotes_are_her_words() {
    let w = level("01");
    let cat = &w.catalog;
    let src = cat.sources.iter().find(|s| s.id == 1).unwrap();
    assert!(
        src.outlet.en.contains("video interview"),
        "{}",
        src.outlet.en
    );
    assert!(!src.outlet.en.contains("Oslo"), "{}", src.outlet.en);
    let card = |id: &str| cat.cards.iter().find(|c| c.id == id).unwrap();
    assert!(!card("testimony").text.en.contains("Oslo"));
    // What the testimony says would happen, not an event.
    assert!(card("portrait-video").text.en.contains(" if "));
    assert!(!haeju_trader::content::REAL_PEOPLE.contains(&"portrait-video"));
    // Her words, quoted as she said them.
    // Quoted in full (audit C-7).
    let quote =
        "\"Without bribes, it's very difficult to get out of these situations in North Korea.\"";
    let en = i18n::parse(i18n::EN).unwrap();
    assert!(en["debrief.q8"].contains(quote));
    assert!(card("testimony").text.en.contains(quote));
    assert!(!en.values().any(|v| v.contains("\"the way out\"")));
}

#[test]
fn the_2020_law_is_for_south_korean_content_and_foreign_files_are_not_law_cases() {
    for name in LEVELS {
        let w = level(name);
        for s in &w.specs {
            let n = &s.name.en;
            if s.flags.contains(&Flag::ForeignMedia) {
                assert!(
                    n.contains("South Korean"),
                    "level {name}: {n} is a 2020-law case"
                );
            }
            if n.contains("China") || n.contains("Chinese") {
                assert!(!s.flags.contains(&Flag::ForeignMedia), "level {name}: {n}");
                assert!(s.flags.contains(&Flag::Foreign), "level {name}: {n}");
            }
        }
        // Group 109 was replaced by the joint command in 2021: no 2024–25 team is called so.
        for i in &w.lv().inspectors {
            assert!(
                !i.name.en.contains("Group 109"),
                "level {name}: {}",
                i.name.en
            );
        }
    }
    assert!(Flag::Foreign.severity() < Flag::ForeignMedia.severity());
    // "Group 8.2" as Unified Command 82 is our inference, and the cards and guide say so.
    let w = level("01");
    let card = w
        .catalog
        .cards
        .iter()
        .find(|c| c.id == "unified-command-82")
        .unwrap();
    assert!(card.text.en.contains("inference"), "{}", card.text.en);
    assert!(guide().contains("our inference"));
}

#[test]
fn dates_follow_the_research() {
    for name in LEVELS {
        let w = level(name);
        let lv = w.lv();
        // The forced update that blocks photos by text came by the end of 2023 [88].
        if lv.start >= Date::parse("2024-01-01").unwrap() {
            assert!(lv.rules.photo_text_blocked, "level {name}");
            for m in &lv.messages {
                if let Some(a) = &m.attachment {
                    assert!(
                        !matches!(a.kind, ItemKind::Photo | ItemKind::Video),
                        "level {name}: {} sends a photo by text",
                        m.id
                    );
                }
            }
        }
        // Every card the level refers to is in its own list.
        let refs = lv
            .inspectors
            .iter()
            .filter_map(|i| i.fact.as_ref())
            .chain(lv.campaigns.iter().filter_map(|c| c.fact.as_ref()))
            .chain(lv.info_events.iter().filter_map(|e| e.fact.as_ref()));
        for f in refs {
            assert!(
                lv.facts.contains(f),
                "level {name} refers to {f} outside its list"
            );
        }
        // A message about a sweep "next week" or a "holiday" must fit the calendar: none here.
        for m in &lv.messages {
            let t = &m.text.en;
            assert!(
                !t.contains("next week") && !t.contains("holiday"),
                "level {name}: {t}"
            );
        }
    }
    // Figures from 2010 and 2013 say their year.
    let w = level("01");
    for c in &w.catalog.cards {
        let year = match c.source {
            Some(145) => "2010",
            Some(116) => "2013",
            _ => continue,
        };
        assert!(c.text.en.contains(year), "card {} must say {year}", c.id);
    }
}

/// Won per yuan and per dollar on the first and last day of a level.
fn rates(w: &World) -> [(i64, i64); 2] {
    [w.rates(w.lv().start), w.rates(w.end_date())]
}

#[test]
fn numbers_are_the_cited_ones() {
    for name in LEVELS {
        let w = level(name);
        let lv = w.lv();
        for (usd, cny) in rates(&w) {
            // A severe finding (x25) costs 1,000–3,000 yuan, as the dated bribe table says
            // [108][111]; Youth League teams settle for less (a listed simplification).
            for i in &lv.inspectors {
                if i.kind == InspectorKind::YouthLeague {
                    continue;
                }
                let yuan = i.bribe_min_won * 25 / cny;
                assert!(
                    (1000..=3000).contains(&yuan),
                    "level {name}: {} asks {yuan} yuan for a grave finding",
                    i.id
                );
            }
            // The phone's top-up: $15–35 a month [116].
            let dollars = lv.costs.phone_topup_won * 30 / usd;
            assert!(
                (15..=35).contains(&dollars),
                "level {name}: a month of top-ups is ${dollars}"
            );
            // A phone: $150–700 [162].
            let phone = lv.costs.new_phone_yuan * cny / usd;
            assert!((150..=700).contains(&phone), "level {name}: phone ${phone}");
        }
        // The exchange rate is never held flat with an invented figure.
        for p in &lv.exchange.series {
            assert!(
                p.source != 0,
                "level {name}: an invented rate on {}",
                p.date
            );
        }
    }
    let simpl = |name: &str| {
        level(name)
            .lv()
            .simplifications
            .iter()
            .map(|s| s.en.clone())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(simpl("01").contains("straight line"));
    for name in LEVELS {
        assert!(
            simpl(name).contains("Youth League teams settle"),
            "level {name}"
        );
        assert!(simpl(name).contains("2016 tablet"), "level {name}");
    }
}

#[test]
fn cards_say_what_their_sources_say() {
    let w = level("01");
    let text = |id: &str| &w.catalog.cards.iter().find(|c| c.id == id).unwrap().text;
    let card = |id: &str| text(id).en.clone();
    assert!(!card("group-109").contains("2,000"), "that case is [108]");
    assert!(
        !card("rice-price-2024").contains("5,000"),
        "that figure is [143]"
    );
    assert!(!card("dollar-8300").contains("years near"), "that is [136]");
    assert!(card("bribes-doubled").contains("share"));
    assert!(card("struggle-session").contains("re-education"));
    assert!(card("dollars-hwanghae").starts_with("In 2010"));
    let ko = |id: &str| text(id).ko.clone();
    assert!(ko("puppet-state").contains("괴뢰지역"));
    assert!(ko("oppa-comrade").contains("친형제나 친척 간인 경우에만 쓸 수 있습니다"));
    assert!(ko("dollars-hwanghae").contains("해주가 속한 황해도"));
}

#[test]
fn the_korean_is_the_korean_of_a_haeju_trader() {
    let mut ko = i18n::parse(i18n::KO).unwrap();
    ko.extend(i18n::parse(haeju_trader::handout::KO).unwrap());
    let en = i18n::parse(i18n::EN).unwrap();
    // The phone's own words for its apps.
    assert_eq!(ko["phone.messages"], "통보문");
    assert_eq!(ko["phone.files"], "화일");
    let mut texts: Vec<String> = ko.values().cloned().collect();
    for name in LEVELS {
        let w = level(name);
        let lv = w.lv();
        for m in &lv.messages {
            texts.push(m.text.ko.clone());
        }
        for e in &lv.info_events {
            texts.push(e.text.ko.clone());
        }
        for s in &w.specs {
            texts.push(s.body.ko.clone());
            texts.push(s.name.ko.clone());
        }
        for c in &lv.campaigns {
            texts.push(c.name.ko.clone());
        }
        // No romanisation turned into English: 화이팅 stays "hwaiting".
        for s in &w.specs {
            assert!(!s.body.en.contains("Fighting for"), "{}", s.body.en);
        }
    }
    for c in &level("01").catalog.cards {
        texts.push(c.text.ko.clone());
    }
    for t in &texts {
        for word in [
            "원화",
            "위안화",
            "돌격전",
            "경찰",
            // Not said in the North (content audit K11), and "그" reads as a man to a
            // South Korean student (browser review): she is named by what she is instead
            // ("장사꾼", "엄마", "여성 장사꾼").
            "그녀",
            "SD 카드",
            "수리매대",
        ] {
            assert!(!t.contains(word), "{word:?} in {t:?}");
        }
    }
    // Words that do not blame: the never-cleaning style "kept everything".
    assert!(!en["debrief.peers.careless"].contains("careless"));
    assert!(en["debrief.peers.careless"].contains("kept-everything"));
}

#[test]
fn the_question_about_a_missing_son_comes_only_after_level_3() {
    for (name, shown) in [("01", false), ("02", false), ("03", true)] {
        let w = level(name);
        let qs = haeju_trader::content::debrief_questions(w.lv());
        assert_eq!(qs.contains(&"debrief.q7"), shown, "level {name}");
        assert_eq!(qs.len(), if shown { 8 } else { 7 });
    }
    let g = guide();
    assert!(g.contains("All eight questions") && g.contains("**optional**"));
    assert!(
        g.contains("Merchants who played like you") && g.contains("What happened to real people")
    );
}

/// Every English string with a count reads right at one: "1 item", never "1 items" (a
/// first player saw "1 items", "1 times", "1 phones lost", "1 screenshots").
#[test]
fn english_counts_agree_with_one_and_with_two() {
    let tr = i18n::Tr::load();
    let en = i18n::parse(i18n::EN).unwrap();
    // Words that end in s in the singular, or are not counted nouns.
    let fine = ["news", "kg", "is", "was", "this", "its", "yes"];
    let mut bad = Vec::new();
    for (key, text) in &en {
        let names: Vec<String> = text
            .split('{')
            .skip(1)
            .filter_map(|p| p.split(['}', ':']).next())
            .map(str::to_string)
            .collect();
        // Names and amounts are not counts: "{who} asks", "{code} plays".
        let words_not_counts = ["who", "what", "code", "money", "style", "won", "place"];
        let args: Vec<(&str, String)> = names
            .iter()
            .map(|k| {
                let v = if words_not_counts.contains(&k.as_str()) {
                    "X"
                } else {
                    "1"
                };
                (k.as_str(), v.to_string())
            })
            .collect();
        let out = tr.fmt(Lang::En, key, &args);
        let words: Vec<&str> = out.split_whitespace().collect();
        for pair in words.windows(2) {
            let next = pair[1].trim_matches(|c: char| !c.is_alphanumeric());
            if pair[0] == "1" && next.len() > 2 && next.ends_with('s') && !fine.contains(&next) {
                bad.push(format!("{key}: {out}"));
            }
        }
        // And two is two: the plural form is used.
        let two: Vec<(&str, String)> = names
            .iter()
            .map(|k| (k.as_str(), "2".to_string()))
            .collect();
        if text.contains(":item|items}") {
            assert!(tr.fmt(Lang::En, key, &two).contains("2 items"), "{key}");
        }
    }
    bad.sort();
    bad.dedup();
    assert!(bad.is_empty(), "counts that disagree:\n{}", bad.join("\n"));
}

/// A dated figure cannot drift from its source: every exchange rate a level's text quotes
/// (a message, a tip, a thread, the summary) is within 5% of the level's own sourced table
/// on that text's day (the summary: any day of the level), or is a figure one of the level's
/// fact cards states with its source (an earlier rate told as history). Every point of the
/// table has its source, and the game draws a line only across the gap the level declares.
#[test]
fn every_rate_a_text_quotes_is_the_table_of_its_day() {
    // Numbers of 1,000 or more in a sentence, with the currency the sentence names.
    fn quotes(text: &str) -> Vec<(&'static str, i64)> {
        let mut out = Vec::new();
        for sentence in text.split(['.', ';', '!', '?']) {
            let lower = sentence.to_lowercase();
            let cur = if lower.contains("dollar") {
                "usd"
            } else if lower.contains("yuan") {
                "cny"
            } else {
                continue;
            };
            // The yuan named after the dollar in one sentence is its own.
            for word in sentence.split_whitespace() {
                let digits: String = word.chars().filter(|c| c.is_ascii_digit()).collect();
                let Ok(n) = digits.parse::<i64>() else {
                    continue;
                };
                if n >= 1000 && word.trim_end_matches([',', ')']).contains(',') {
                    out.push((cur, n));
                }
            }
        }
        out
    }
    let mut checked = 0;
    for name in LEVELS {
        let w = level(name);
        let lv = w.lv();
        let series = &lv.exchange.series;
        for p in series {
            assert_ne!(
                p.source, 0,
                "level {name}: the rate of {} has no source",
                p.date
            );
        }
        for pair in series.windows(2) {
            let gap = pair[1].date.days_since(pair[0].date);
            assert!(
                gap as u32 <= lv.exchange.max_gap_days,
                "level {name}: {gap} days between {} and {}",
                pair[0].date,
                pair[1].date
            );
        }
        let rate = |date: Date, cur: &str| -> Option<i64> {
            let pick = |p: &RatePoint| if cur == "usd" { p.usd } else { p.cny };
            let after = series.iter().position(|p| p.date.days_since(date) >= 0)?;
            let b = &series[after];
            if after == 0 {
                return (b.date == date).then(|| pick(b));
            }
            let a = &series[after - 1];
            let span = b.date.days_since(a.date) as i64;
            let k = date.days_since(a.date) as i64;
            Some(pick(a) + (pick(b) - pick(a)) * k / span.max(1))
        };
        // Figures the level's cards state, with their sources.
        let carded: Vec<i64> = lv
            .facts
            .iter()
            .filter_map(|id| w.catalog.cards.iter().find(|c| &c.id == id))
            .flat_map(|c| {
                c.text
                    .en
                    .split_whitespace()
                    .filter_map(|t| {
                        t.chars()
                            .filter(|c| c.is_ascii_digit())
                            .collect::<String>()
                            .parse::<i64>()
                            .ok()
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let days: Vec<Date> = (0..lv.days as i32).map(|d| lv.start.plus_days(d)).collect();
        let mut texts: Vec<(String, Vec<Date>, String)> =
            vec![("summary".into(), days.clone(), lv.summary.en.clone())];
        for m in &lv.messages {
            texts.push((
                m.id.clone(),
                vec![lv.start.plus_days(m.day as i32 - 1)],
                m.text.en.clone(),
            ));
        }
        for e in &lv.info_events {
            texts.push((
                e.id.clone(),
                vec![lv.start.plus_days(e.day as i32 - 1)],
                e.text.en.clone(),
            ));
        }
        for it in &lv.phone {
            texts.push((it.id.clone(), vec![lv.start], it.body.en.clone()));
        }
        for (id, dates, text) in texts {
            for (cur, n) in quotes(&text) {
                checked += 1;
                let near = dates
                    .iter()
                    .filter_map(|d| rate(*d, cur))
                    .any(|r| (n - r).abs() * 100 <= r * 5);
                assert!(
                    near || carded.contains(&n),
                    "level {name}, {id}: {n} ({cur}) is not the level's rate on its day nor a card's figure: {text}"
                );
            }
        }
    }
    assert!(checked >= 6, "only {checked} quoted rates found");
}

/// Every mechanic a level can bring into play shows its fact card there: the level lists a
/// card for each of them (audit C-3), so that what the game states as fact names its source
/// in every level, not only in the one that first had it.
#[test]
fn every_mechanic_a_level_can_show_carries_its_card() {
    use haeju_trader::content::mechanic_cards;
    let mut missing = Vec::new();
    for name in LEVELS {
        let w = level(name);
        let lv = w.lv();
        let r = &lv.rules;
        let mut events = vec![
            Event::Screenshot { index: 0 },
            Event::HeartRemoved { item: 0 },
            Event::TraceWiped { shots: 1, won: 1 },
            Event::Converted { item: 0, won: 1 },
            Event::ChasedOff { good: 0, lost: 1 },
            Event::BribeAccepted {
                currency: Currency::Yuan,
                amount: 1,
            },
            Event::PasswordCracked,
            Event::Consequence(Consequence::Arrest),
            Event::Consequence(Consequence::CriticismSession),
            Event::PhoneBought {
                currency: Currency::Yuan,
                paid: 1,
            },
            Event::Called {
                contact: 0,
                place: 0,
            },
        ];
        if r.auto_delete_unsigned || r.scan_sd_card {
            events.push(Event::AutoDeleted { item: 0 });
        }
        if r.word_filter {
            events.push(Event::WordReplaced { item: 0 });
        }
        if r.photo_text_blocked {
            events.push(Event::Rejected(Reject::PhotosBlocked));
        }
        for e in events {
            let cards = mechanic_cards(&e).expect("a mechanic's event");
            if !cards.iter().any(|c| lv.facts.iter().any(|f| f == c)) {
                missing.push(format!(
                    "level {name}: {e:?} can happen, none of {cards:?} listed"
                ));
            }
        }
        // The cards a search brings up.
        for card in ["portrait-video", "check-screenshots", "screenshots"] {
            if !lv.facts.iter().any(|f| f == card) {
                missing.push(format!("level {name}: no {card}"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Issue 31, point 18: the phone swaps a typed "oppa" for "comrade" [94], and so does the
/// phone of every friend who writes to her: no text she receives, and no saved message,
/// says "oppa" where the level's phones filter it (a contact's saved name may: she typed it
/// before the filter, and that is the risk the game teaches).
#[test]
fn no_message_says_oppa_where_the_phones_filter_it() {
    let has = |t: &Text| {
        [t.en.as_str(), t.ko.as_str()]
            .iter()
            .any(|s| s.contains("오빠") || s.to_lowercase().contains("oppa"))
    };
    let mut found = Vec::new();
    for name in LEVELS {
        let w = level(name);
        let lv = w.lv();
        if !lv.rules.word_filter {
            continue;
        }
        for m in &lv.messages {
            if has(&m.text) || m.gentle.as_ref().is_some_and(has) {
                found.push(format!("{name} message {}", m.id));
            }
        }
        for e in &lv.info_events {
            if has(&e.text) || e.gentle.as_ref().is_some_and(has) {
                found.push(format!("{name} news {}", e.id));
            }
        }
        for it in lv.phone.iter().filter(|it| it.kind == ItemKind::Thread) {
            if has(&it.body) || it.gentle.as_ref().is_some_and(has) {
                found.push(format!("{name} thread {}", it.id));
            }
        }
    }
    assert!(found.is_empty(), "\"oppa\" got past the filter: {found:?}");
}

/// The check's judgement task (issue 34, point 2) rates things from each level's own phone
/// that span the dilemma — something grave to keep, something harmless the business needs,
/// a petty risk the business needs too — each for danger and for need, with the rules' own
/// answers; a student who answers as the rules do scores 1, one who gives the same answer to
/// everything 0.
#[test]
fn the_judgement_task_spans_the_dilemma_with_the_rules_own_answers() {
    use haeju_trader::check::judge;
    let tr = i18n::Tr::load();
    for name in ["01", "02", "03"] {
        let w = level(name);
        let lv = w.lv();
        let items = judge::items(lv);
        let ids: Vec<&str> = items.iter().map(|it| it.id.as_str()).collect();
        assert!((4..=5).contains(&items.len()), "level {name}: {ids:?}");
        let danger = |it: &&ItemSpec| judge::truth(it, "danger");
        let need = |it: &&ItemSpec| judge::truth(it, "need");
        assert!(
            items.iter().any(|it| danger(it) >= 3),
            "level {name}: nothing grave in {ids:?}"
        );
        assert!(
            items.iter().any(|it| danger(it) == 1 && need(it) >= 4),
            "level {name}: nothing harmless and needed in {ids:?}"
        );
        assert!(
            items.iter().any(|it| danger(it) == 2 && need(it) >= 2),
            "level {name}: no petty risk the business needs in {ids:?}"
        );
        for lang in [Lang::En, Lang::Ko] {
            let qs: Vec<_> = haeju_trader::check::questions(&w, Form::A, lang, &tr)
                .into_iter()
                .filter(|q| q.id.starts_with("judge:"))
                .collect();
            assert_eq!(qs.len(), 2 * items.len());
            for q in &qs {
                assert!(q.truth.is_some_and(|t| (1..=5).contains(&t)), "{q:?}");
                assert_eq!(q.options.len(), 5);
                assert!(!q.ask.contains('{'), "{}", q.ask);
                assert_eq!(
                    judge::ask(&q.id, lv, lang, &tr).as_deref(),
                    Some(q.ask.as_str())
                );
            }
        }
        // The rules' own answers score 1; always "Some" (3) scores less.
        let rows: Vec<haeju_trader::check::Row> =
            haeju_trader::check::questions(&w, Form::B, Lang::En, &tr)
                .into_iter()
                .filter_map(|q| {
                    let t = q.truth?;
                    Some(haeju_trader::check::Row {
                        id: q.id,
                        question: q.ask,
                        answer: String::new(),
                        forms: String::new(),
                        before: Some(3),
                        after: Some(t),
                        before_right: None,
                        after_right: None,
                        later: None,
                        later_right: None,
                        truth: Some(t),
                    })
                })
                .collect();
        // The trader's own order scores 1; the same answer every time (the middle, or "not
        // at all" to everything: most of the rules' answers are 1) scores 0; the dramatic
        // reading — everything flagged very dangerous and not needed, the rest the other way
        // round — scores below the trader's.
        let before = judge::agreement(&rows, |r| r.before, |r| r.after).unwrap();
        let after = judge::agreement(&rows, |r| r.after, |r| r.before).unwrap();
        assert!((after - 1.0).abs() < 1e-9, "{after}");
        assert_eq!(before, 0.0);
        let dramatic = judge::agreement(
            &rows,
            |r| {
                let danger = r.id.starts_with("judge:danger:");
                let flagged = lv
                    .phone
                    .iter()
                    .any(|it| r.id.ends_with(&format!(":{}", it.id)) && !it.flags.is_empty());
                Some(if danger == flagged { 5 } else { 1 })
            },
            |r| r.after,
        )
        .unwrap();
        assert!(
            dramatic < 0.95,
            "level {name}: the dramatic reading scores {dramatic:.2}"
        );
    }
}
