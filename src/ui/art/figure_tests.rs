//! The figures drawn windowless (issue 35): what their hands do shows the scene, and no
//! picture breaks for want of room. Split from tests.rs, whose helpers it shares.

use super::tests::{fills, painted, stop};
use super::*;

/// The hands drawn in what `draw` paints in a 600×190 picture: the middle of each palm (an
/// oval of sixteen points, as `hand_at` draws palm and thumb: two to a hand, the larger kept).
fn palms(draw: impl Fn(&Painter, Rect)) -> Vec<Pos2> {
    fn walk(s: &Shape, out: &mut Vec<(Pos2, f32)>) {
        match s {
            Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
            Shape::Path(p) if p.points.len() == 16 && p.closed => {
                let r = Rect::from_points(&p.points);
                out.push((r.center(), r.area()));
            }
            _ => {}
        }
    }
    let mut ovals = Vec::new();
    for shape in &painted(vec2(600.0, 190.0), draw) {
        walk(shape, &mut ovals);
    }
    // A thumb is drawn just before its palm and is smaller.
    ovals
        .chunks(2)
        .map(|pair| pair.iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap().0)
        .collect()
}

/// Bodies, not busts (issue 35's reviewers: "no body language"): what the family's hands do
/// at the table shows the meal. Fed, each holds the bowl's sides at the table's edge; after a
/// meagre night the grown-ups rest a chin on a hand, high above the table; at an empty bowl
/// nobody's hands are on the table. And every person has the ink line round them.
#[test]
fn their_hands_at_the_table_show_the_meal() {
    let family = [
        (TRADER, Mood::Well),
        (Face::Man, Mood::Well),
        (Face::Girl, Mood::Well),
        (Face::Boy, Mood::Well),
    ];
    let at = |meal: Meal| {
        let moods: Vec<(Face, Mood)> = family
            .iter()
            .map(|&(f, _)| (f, Mood::after(meal)))
            .collect();
        palms(|p, r| {
            family_table(p, r, &moods, meal, Grain::Rice, None, None);
        })
    };
    // The table's edge in a 190-high picture (family_table: at 0.66 of its height).
    let edge = 190.0 * 0.66;
    let fed = at(Meal::Fed);
    assert_eq!(fed.len(), 8, "two hands each: {fed:?}");
    let on_edge = fed
        .iter()
        .filter(|h| (edge - 20.0..edge + 4.0).contains(&h.y))
        .count();
    let raised = fed.iter().filter(|h| h.y < edge - 30.0).count();
    assert_eq!(
        (on_edge, raised),
        (6, 2),
        "hands at the bowls, every other one's spoonful raised: {fed:?}"
    );
    let meagre = at(Meal::AteLittle);
    let high = meagre.iter().filter(|h| h.y < edge - 30.0).count();
    assert_eq!(
        high, 2,
        "the two grown-ups' chins on their hands: {meagre:?}"
    );
    assert!(
        at(Meal::WentWithout).is_empty(),
        "hands kept off the table at empty bowls"
    );
    // The ink line: each person's head has it (an ellipse's stroke in the ink).
    let shapes = painted(vec2(600.0, 190.0), |p, r| {
        family_table(p, r, &family, Meal::Fed, Grain::Rice, None, None);
    });
    let inked = shapes
        .iter()
        .filter(|s| matches!(s, Shape::Ellipse(e) if e.stroke.color == super::figure::INK))
        .count();
    assert_eq!(inked, 4, "an ink line round each head");
}

/// How a stop ended is seen in the two's last posture (issue 35's sixteenth reviewer: the
/// outcome showed "the same two busts standing where they were"): each ending its own picture;
/// taken away, his hand is on her arm; let go, no hand of his reaches her.
#[test]
fn how_a_stop_ended_is_seen() {
    use crate::rules::{Consequence as C, Event};
    assert_eq!(Ended::of(&[]), Ended::LetGo);
    assert_eq!(
        Ended::of(&[Event::Consequence(C::Arrest)]),
        Ended::TakenAway
    );
    assert_eq!(
        Ended::of(&[Event::Consequence(C::CriticismSession)]),
        Ended::TakenAway
    );
    assert_eq!(
        Ended::of(&[Event::Consequence(C::ForcedDeletion)]),
        Ended::Warned
    );
    assert_eq!(Ended::of(&[Event::Consequence(C::Fine)]), Ended::Fined);
    assert_eq!(
        Ended::of(&[Event::Consequence(C::Confiscation)]),
        Ended::PhoneTaken
    );
    let over = |e: Ended| Stop {
        ended: Some(e),
        clutched: false,
        trader: Mood::Ashamed,
        ..stop(Uniform::StreetTeam, None, Mood::Afraid)
    };
    let all = [
        Ended::LetGo,
        Ended::Warned,
        Ended::PhoneTaken,
        Ended::Fined,
        Ended::TakenAway,
    ];
    let drawn: Vec<String> = all
        .iter()
        .map(|&e| {
            format!(
                "{:?}",
                painted(vec2(600.0, 190.0), |p, r| stop_scene(p, r, over(e)))
            )
        })
        .collect();
    for i in 0..all.len() {
        for j in i + 1..all.len() {
            assert_ne!(
                drawn[i], drawn[j],
                "{:?} and {:?} look the same",
                all[i], all[j]
            );
        }
    }
    // In her half of the picture, her own two hands (clasped, or round her phone), and his
    // when he holds her; at his sides his hands are out of the frame.
    let in_her_half = |e: Ended| {
        palms(|p, r| stop_scene(p, r, over(e)))
            .into_iter()
            .filter(|h| h.x > 300.0)
            .count()
    };
    assert_eq!(in_her_half(Ended::TakenAway), 3, "his hand on her arm");
    assert_eq!(in_her_half(Ended::LetGo), 2, "nobody holds her");
}

/// The trade is a trade (issue 35's seventeenth reviewer: "the trader never trades"): behind
/// her counter she hands a bag of goods across to a buyer who holds out the notes, a scale on
/// the counter; where the picture is too low for them, her hands rest on the counter.
#[test]
fn at_her_stall_goods_and_money_change_hands() {
    use crate::rules::PlaceKind;
    let note = Color32::from_rgb(150, 178, 146);
    let bag = Color32::from_rgb(226, 222, 210);
    let dial = Color32::from_rgb(244, 240, 228);
    let tall = fills(|p, r| behind_counter(p, r, PlaceKind::Market, Light::Day, true));
    for (c, what) in [(note, "the notes"), (bag, "the bag"), (dial, "the scale")] {
        assert!(tall.contains(&c), "{what} at the stall");
    }
    let low = fills(|p, r| {
        behind_counter(
            p,
            Rect::from_min_size(r.min, vec2(600.0, 90.0)),
            PlaceKind::Market,
            Light::Day,
            true,
        )
    });
    assert!(!low.contains(&note) && !low.contains(&bag));
}

/// A picture given no room (a window shrunk to nothing, a picture of a point or none) draws no
/// shape at a NaN coordinate: egui's tessellator panics on one in a debug build, and shares of
/// a size of 0 divide to NaN.
#[test]
fn a_picture_without_room_draws_nothing_broken() {
    use crate::rules::PlaceKind;
    let family = [
        (TRADER, Mood::Tired),
        (Face::Man, Mood::Well),
        (Face::Boy, Mood::Sick),
    ];
    for size in [
        vec2(0.0, 0.0),
        vec2(1.0, 1.0),
        vec2(0.0, 190.0),
        vec2(600.0, 0.0),
    ] {
        let drawn = |draw: &dyn Fn(&Painter, Rect)| format!("{:?}", painted(size, draw));
        let all = [
            drawn(&|p, r| {
                family_table(p, r, &family, Meal::AteLittle, Grain::Rice, None, None);
            }),
            drawn(&|p, r| morning_room(p, r, &family)),
            drawn(&|p, r| behind_counter(p, r, PlaceKind::Market, Light::Day, true)),
            drawn(&|p, r| place_scene(p, r, PlaceKind::Street, Light::Day, &[], false)),
            drawn(&|p, r| place_scene(p, r, PlaceKind::Market, Light::Day, &["rice"], true)),
            drawn(&|p, r| {
                for e in [Ended::Fined, Ended::TakenAway, Ended::Warned] {
                    stop_scene(
                        p,
                        r,
                        Stop {
                            ended: Some(e),
                            clutched: false,
                            ..stop(Uniform::StreetTeam, None, Mood::Ashamed)
                        },
                    );
                }
            }),
        ];
        for (i, shapes) in all.iter().enumerate() {
            assert!(!shapes.contains("NaN"), "picture {i} at {size:?} has a NaN");
        }
    }
}

/// Her hand round the phone (issue 35: "the phone as something in her hand") holds it by its
/// rim: nothing of the hand lies on the screen inside the rim and its margin, and the hand is
/// there (four fingers round its right edge).
#[test]
fn her_hand_holds_the_phone_by_its_rim() {
    let rim = 10.0;
    let phone = Rect::from_min_size(pos2(200.0, 10.0), vec2(330.0, 640.0));
    let fingers = std::cell::Cell::new(Rect::NOTHING);
    let shapes = painted(vec2(600.0, 700.0), |p, _| {
        fingers.set(holding_phone(p, phone, rim));
    });
    let fingers = fingers.get();
    let screen = phone.shrink(2.0 * rim);
    let mut skin = 0;
    fn walk(s: &Shape, screen: Rect, skin: &mut usize) {
        if let Shape::Vec(v) = s {
            return v.iter().for_each(|s| walk(s, screen, skin));
        }
        let r = s.visual_bounding_rect();
        assert!(!r.intersects(screen), "on the screen: {r:?} {s:?}");
        let fill = match s {
            Shape::Rect(r) => r.fill,
            Shape::Ellipse(e) => e.fill,
            Shape::Circle(c) => c.fill,
            _ => Color32::TRANSPARENT,
        };
        if fill == SKIN {
            *skin += 1;
        }
    }
    for s in &shapes {
        walk(s, screen, &mut skin);
    }
    assert_eq!(skin, 4, "four fingers");
    assert!(
        fingers.left() < phone.right() && fingers.right() > phone.right(),
        "round its right edge: {fingers:?}"
    );
}
