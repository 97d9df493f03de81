//! The title's key art (issue 35, point 2): her in a Haeju street at dusk, the phone lit in
//! her hand and its light on her face; the blocks of flats, the market's roofs and the port's
//! cranes dark against the evening; the bay. Drawn once a frame only when the title is
//! redrawn (it does not move).

use super::*;

/// The poster in `r`, her standing at `her_at` of its width, her head from `her_top` of its
/// height down (a narrow window shows her higher, above the menu).
pub fn poster(p: &Painter, r: Rect, her_at: f32, her_top: f32) {
    let p = &p.with_clip_rect(r);
    let (w, h) = (r.width(), r.height());
    let at = |x: f32, y: f32| pos2(r.left() + x * w, r.top() + y * h);
    // The evening sky, deep above and warm at the sea's edge.
    let top = Color32::from_rgb(44, 52, 80);
    let glow = Color32::from_rgb(226, 150, 110);
    p.rect_filled(r, 12.0, top);
    let horizon = r.top() + h * 0.62;
    sky(
        p,
        Rect::from_min_max(pos2(r.left(), r.top() + 12.0), pos2(r.right(), horizon)),
        top,
        glow,
    );
    // Printed, not rendered: a halftone of dots over the sky, heavier where it is dark.
    halftone(
        p,
        Rect::from_min_max(r.min, pos2(r.right(), horizon)),
        top,
        1.6,
        0.35,
    );
    // The bay under the glow.
    let sea = Color32::from_rgb(84, 90, 112);
    p.rect_filled(
        Rect::from_min_max(pos2(r.left(), horizon), r.max),
        egui::CornerRadius {
            nw: 0,
            ne: 0,
            sw: 12,
            se: 12,
        },
        sea,
    );
    for i in 0..7 {
        let y = horizon + h * (0.02 + 0.025 * (i % 4) as f32);
        let x = r.left() + w * (0.08 + 0.13 * i as f32);
        p.line_segment(
            [pos2(x, y), pos2(x + w * 0.06, y)],
            Stroke::new(1.5, glow.gamma_multiply(0.5)),
        );
    }
    skyline(p, r, horizon, r.left() + her_at * w);
    // The street she stands in: the near kerb, dark.
    let street = r.top() + h * 0.8;
    p.rect_filled(
        Rect::from_min_max(pos2(r.left(), street), r.max),
        egui::CornerRadius {
            nw: 0,
            ne: 0,
            sw: 12,
            se: 12,
        },
        Color32::from_rgb(40, 40, 48),
    );
    her(p, at(her_at, her_top), h * (1.0 - her_top));
}

/// Haeju against the evening: blocks of flats with a few lit windows, the market's pitched
/// roofs, the port's crane over the water.
fn skyline(p: &Painter, r: Rect, horizon: f32, her_x: f32) {
    // (Sized by the height: the same town behind her in a tall poster or a wide one.)
    let h = r.height();
    let far = Color32::from_rgb(70, 68, 86);
    let near = Color32::from_rgb(52, 50, 64);
    let lit = Color32::from_rgb(240, 196, 110);
    // Far blocks along the shore.
    let mut x = r.left() - 10.0;
    let mut i = 0u32;
    while x < r.right() {
        let bw = h * (0.07 + 0.02 * (i * 7 % 3) as f32);
        let bh = h * (0.12 + 0.05 * (i * 5 % 4) as f32);
        p.rect_filled(
            Rect::from_min_max(pos2(x, horizon - bh), pos2(x + bw, horizon + 2.0)),
            0.0,
            far,
        );
        x += bw + h * 0.015;
        i += 1;
    }
    // The crane at the port, right: its boom raised over the water.
    harbour_crane(p, pos2(her_x + h * 0.76, horizon), h * 0.22, near);
    // Nearer: tall blocks to the right, the market's roofs to the left, windows lit.
    let street = r.top() + h * 0.8;
    for (bx, bw, bh) in [
        (0.2, 0.14, 0.42),
        (0.38, 0.1, 0.34),
        (0.62, 0.12, 0.46),
        (0.9, 0.15, 0.4),
        (-0.75, 0.13, 0.4),
    ] {
        let b = Rect::from_min_max(
            pos2(her_x + h * bx, street - h * bh),
            pos2(her_x + h * (bx + bw), street),
        );
        p.rect_filled(b, 0.0, near);
        let cols = 4;
        let rows = (bh * 20.0) as usize;
        for c in 0..cols {
            for k in 0..rows {
                let on = (c * 7 + k * 3 + (bx.abs() * 100.0) as usize) % 5 == 0;
                let win = Rect::from_min_size(
                    pos2(
                        b.left() + b.width() * (0.12 + 0.22 * c as f32),
                        b.top() + 8.0 + k as f32 * (b.height() - 12.0) / rows as f32,
                    ),
                    vec2(b.width() * 0.1, 5.0),
                );
                p.rect_filled(
                    win,
                    0.0,
                    if on {
                        lit
                    } else {
                        Color32::from_rgb(62, 62, 78)
                    },
                );
            }
        }
    }
    for k in 0..3 {
        let x = her_x - h * (0.45 - 0.11 * k as f32);
        let eave = street - h * 0.09;
        p.rect_filled(
            Rect::from_min_max(pos2(x + 4.0, eave), pos2(x + h * 0.105 - 4.0, street)),
            0.0,
            near,
        );
        fill(
            p,
            vec![
                pos2(x, eave),
                pos2(x + h * 0.0525, eave - h * 0.05),
                pos2(x + h * 0.105, eave),
            ],
            ROOF.lerp_to_gamma(near, 0.45),
        );
    }
}

/// Her, from the waist up, `size` tall from `top` (the middle of her head at `top.x`):
/// hair to the jaw, a quilted coat and a scarf, the bundle of goods on her back, and the phone
/// held up in her hand before her, its screen lighting her face from below. She looks at it.
fn her(p: &Painter, top: Pos2, size: f32) {
    let s = size;
    let at = |x: f32, y: f32| pos2(top.x + x * s, top.y + y * s);
    let coat = Color32::from_rgb(104, 66, 76);
    let seam = coat.lerp_to_gamma(Color32::BLACK, 0.28);
    let skin = SKIN.lerp_to_gamma(Color32::from_rgb(150, 120, 130), 0.3);
    // The bundle of goods on her back, tied in cloth, its knot over her shoulder.
    let cloth = Color32::from_rgb(128, 112, 88);
    let bundle = at(-0.2, 0.4);
    ellipse(p, bundle, vec2(0.1 * s, 0.13 * s), cloth);
    p.line_segment(
        [
            bundle - vec2(0.08 * s, 0.0),
            bundle + vec2(0.08 * s, 0.02 * s),
        ],
        Stroke::new(2.0, cloth.lerp_to_gamma(Color32::BLACK, 0.3)),
    );
    for (dx, dy) in [(-0.03, -0.02), (0.03, -0.03)] {
        fill(
            p,
            vec![
                at(-0.17, 0.29),
                at(-0.17 + dx, 0.27 + dy),
                at(-0.15 + dx, 0.29 + dy * 0.5),
            ],
            cloth.lerp_to_gamma(Color32::WHITE, 0.15),
        );
    }
    // The coat: sloping shoulders down past the frame's foot, quilted in bands.
    let coat_line = vec![
        at(-0.07, 0.285),
        at(0.07, 0.285),
        at(0.18, 0.34),
        at(0.215, 0.43),
        at(0.225, 1.2),
        at(-0.225, 1.2),
        at(-0.215, 0.43),
        at(-0.18, 0.34),
    ];
    fill(p, coat_line.clone(), coat);
    for k in 0..7 {
        let y = 0.47 + k as f32 * 0.085;
        p.line_segment([at(-0.21, y), at(0.21, y)], Stroke::new(1.5, seam));
    }
    fill(
        p,
        vec![
            at(0.12, 0.31),
            at(0.18, 0.34),
            at(0.215, 0.43),
            at(0.225, 1.2),
            at(0.14, 1.2),
        ],
        coat.lerp_to_gamma(Color32::BLACK, 0.2),
    );
    // The ink line round her (as every figure has), the rim of light over it on the lit side.
    p.add(Shape::closed_line(coat_line, ink(s * 0.5)));
    // The evening behind her: a warm rim along her shoulder; her far side in shade.
    p.add(Shape::line(
        vec![
            at(-0.07, 0.283),
            at(-0.18, 0.338),
            at(-0.215, 0.43),
            at(-0.222, 0.8),
        ],
        Stroke::new(2.5, Color32::from_rgb(214, 150, 120)),
    ));
    // The bundle's strap across her chest.
    p.line_segment(
        [at(-0.12, 0.31), at(0.19, 0.62)],
        Stroke::new(0.014 * s, Color32::from_rgb(96, 82, 64)),
    );
    her_head(p, at, s, skin);
    // Her arm bent, the phone held up before her, its screen lit, the red light of the
    // screenshot it is taking.
    let sleeve = coat.lerp_to_gamma(Color32::BLACK, 0.22);
    let elbow = at(0.17, 0.64);
    let hand = at(0.05, 0.47);
    let d = (hand - elbow).normalized();
    limb(
        p,
        &[at(0.17, 0.39), elbow, hand - d * 0.03 * s],
        0.072 * s,
        sleeve,
        ink(s * 0.5),
    );
    let phone = Rect::from_center_size(hand - vec2(0.0, 0.06 * s), vec2(0.068 * s, 0.125 * s));
    // (No translucent glow round it: the browser drew it as a grey disc on her coat.)
    p.rect_filled(phone, 4.0, Color32::from_rgb(22, 24, 28));
    p.rect_filled(phone.shrink(3.0), 3.0, Color32::from_rgb(180, 210, 236));
    p.circle_filled(
        phone.right_top() + vec2(-0.011 * s, 0.011 * s),
        0.005 * s,
        STATE_RED,
    );
    // Her hand round the phone, her thumb on the screen.
    for (c, r) in [
        (hand + vec2(0.0, 0.004 * s), vec2(0.028 * s, 0.024 * s)),
        (
            hand + vec2(-0.012 * s, -0.03 * s),
            vec2(0.009 * s, 0.016 * s),
        ),
    ] {
        p.add(Shape::ellipse_filled(c, r, skin));
        p.add(Shape::ellipse_stroke(c, r, ink(s * 0.4)));
    }
}

/// Her neck, scarf, head and face (`at`: a point of the figure, `s` its size).
fn her_head(p: &Painter, at: impl Fn(f32, f32) -> Pos2, s: f32, skin: Color32) {
    // Neck, a dark scarf, the head turned a little down to the phone.
    p.rect_filled(
        Rect::from_center_size(at(0.0, 0.255), vec2(0.055 * s, 0.07 * s)),
        0.0,
        skin.lerp_to_gamma(Color32::BLACK, 0.12),
    );
    fill(
        p,
        vec![at(-0.075, 0.28), at(0.075, 0.28), at(0.0, 0.35)],
        Color32::from_rgb(58, 52, 64),
    );
    let head = at(0.005, 0.165);
    let hr = vec2(0.072 * s, 0.09 * s);
    // Her hair to the jaw behind the head, as she is on every screen (a bun here and a bob
    // there read as two women).
    super::face::hair_behind(p, head, hr, HAIR, ink(s * 0.5));
    ellipse(p, head, hr, skin);
    // The evening light from behind her left: her right cheek in shade.
    super::face::shade_side(p, head, hr, 0.24, skin.lerp_to_gamma(SKIN_SHADE, 0.6));
    p.add(Shape::ellipse_stroke(head, hr, ink(s * 0.5)));
    // (The hairline high on the forehead, down over the ears at the sides.)
    fill(
        p,
        arc(
            head - vec2(0.0, hr.y * 0.06),
            hr * 1.07,
            std::f32::consts::PI - 0.25,
            1.5 * std::f32::consts::PI,
            12,
        ),
        HAIR,
    );
    fill(
        p,
        arc(
            head - vec2(0.0, hr.y * 0.3),
            vec2(hr.x * 1.07, hr.y * 0.86),
            std::f32::consts::PI,
            2.0 * std::f32::consts::PI,
            16,
        ),
        HAIR,
    );
    super::face::hair_sheen(p, head, hr, HAIR);
    // Eyes open and lowered to the screen, the brows raised at the middle: wary, worried.
    let ink = Color32::from_rgb(34, 28, 28);
    for side in [-1.0f32, 1.0] {
        let e = head + vec2(side * 0.38 * hr.x + 0.08 * hr.x, hr.y * 0.16);
        // What the lowered lid leaves: the white's lower half, the iris looking down, the
        // lid's heavy line over it.
        fill(
            p,
            arc(
                e + vec2(0.0, 0.002 * s),
                vec2(0.016 * s, 0.009 * s),
                0.0,
                std::f32::consts::PI,
                10,
            ),
            super::face::EYE_SHADED,
        );
        p.circle_filled(
            e + vec2(0.003 * s, 0.006 * s),
            0.0075 * s,
            Color32::from_rgb(58, 40, 30),
        );
        p.circle_filled(e + vec2(0.003 * s, 0.006 * s), 0.004 * s, ink);
        p.add(Shape::line(
            arc(
                e + vec2(0.0, 0.004 * s),
                vec2(0.018 * s, 0.006 * s),
                3.3,
                6.12,
                8,
            ),
            Stroke::new(2.2, ink),
        ));
        let inner = e + vec2(-side * 0.012 * s, -hr.y * 0.36);
        let outer = e + vec2(side * 0.02 * s, -hr.y * 0.26);
        p.line_segment([inner, outer], Stroke::new(1.8, ink));
    }
    p.line_segment(
        [
            head + vec2(-0.016 * s, hr.y * 0.58),
            head + vec2(0.024 * s, hr.y * 0.58),
        ],
        Stroke::new(1.6, SKIN_SHADE.lerp_to_gamma(ink, 0.35)),
    );
}
