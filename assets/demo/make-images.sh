#!/usr/bin/env bash
# Regenerates the demo menu's images (assets/demo/images/*.png) with ImageMagick 6 (`convert`).
# Flat drawings: each food is drawn on a transparent 512x384 layer, then put on a coloured card and saved as an
# 8-bit palette PNG, so each file stays far below 100 KB. Run from anywhere: ./make-images.sh
set -euo pipefail

OUT="$(cd "$(dirname "$0")" && pwd)/images"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"

W=512
H=384

# Palette
BUN='#E39A45'; BUN_DARK='#C97A2C'; SESAME='#FFF1D0'; BEEF='#6B3A1E'; CHICKEN='#D9A049'; CRISPY='#B8622A'; VEGGIE='#6F8F2E'
CHEESE='#F7C531'; LETTUCE='#6DBE45'; TOMATO='#E0452B'; BACON='#B5452E'; ONION='#F3E6F0'; SHADOW='#00000030'

layer() { convert -size ${W}x${H} xc:none "$@"; }

# finish PART NAME BG: the layer PART on a card of colour BG with a soft plate, saved as images/NAME.png
finish() {
  local part="$1" name="$2" bg="$3"
  convert -size ${W}x${H} xc:"$bg" \
    -fill '#FFFFFF40' -draw "ellipse 256,200 210,160 0,360" \
    "$part" -composite -strip -colors 96 "PNG8:$OUT/$name.png"
}

# burger NAME BG PATTY PATTIES(1|2) CHEESE(0|1) EXTRA(none|bacon|jalapeno|mushroom|truffle|mini)
burger() {
  local name="$1" bg="$2" patty="$3" patties="$4" cheese="$5" extra="$6"
  local draw=(-fill "$SHADOW" -draw "ellipse 256,318 170,20 0,360"
              -fill "$BUN_DARK" -draw "roundrectangle 110,268 402,312 22,22"
              -fill "$BUN" -draw "roundrectangle 110,262 402,300 22,22")
  local top=262
  for ((i = 0; i < patties; i++)); do
    draw+=(-fill "$patty" -draw "roundrectangle 98,$((top - 36)) 414,$((top)) 18,18")
    top=$((top - 36))
    if [[ "$cheese" == 1 ]]; then
      draw+=(-fill "$CHEESE" -draw "polygon 100,$((top + 2)) 412,$((top + 2)) 390,$((top + 24)) 340,$((top + 8)) 290,$((top + 30)) 236,$((top + 8)) 180,$((top + 26)) 128,$((top + 8))")
    fi
  done
  case "$extra" in
    bacon) draw+=(-fill "$BACON" -draw "roundrectangle 104,$((top - 14)) 408,$((top + 2)) 8,8"
                  -fill '#F2B8A0' -draw "rectangle 130,$((top - 9)) 380,$((top - 5))"); top=$((top - 14)) ;;
    jalapeno) draw+=(-fill '#2E8B3A' -draw "circle 170,$((top - 6)) 190,$((top - 6))" -draw "circle 256,$((top - 8)) 276,$((top - 8))" -draw "circle 340,$((top - 6)) 360,$((top - 6))"
                     -fill '#B6E07A' -draw "circle 170,$((top - 6)) 178,$((top - 6))" -draw "circle 256,$((top - 8)) 264,$((top - 8))" -draw "circle 340,$((top - 6)) 348,$((top - 6))"); top=$((top - 14)) ;;
    mushroom) draw+=(-fill '#A9825A' -draw "ellipse 160,$((top - 6)) 40,12 0,360" -draw "ellipse 256,$((top - 8)) 44,13 0,360" -draw "ellipse 352,$((top - 6)) 40,12 0,360"); top=$((top - 14)) ;;
    truffle) draw+=(-fill '#2B1D14' -draw "ellipse 180,$((top - 5)) 30,9 0,360" -draw "ellipse 256,$((top - 6)) 32,9 0,360" -draw "ellipse 332,$((top - 5)) 30,9 0,360"); top=$((top - 12)) ;;
  esac
  draw+=(-fill "$LETTUCE" -draw "polygon 94,$((top + 4)) 418,$((top + 4)) 410,$((top - 14)) 380,$((top - 4)) 350,$((top - 16)) 320,$((top - 4)) 290,$((top - 16)) 256,$((top - 4)) 222,$((top - 16)) 192,$((top - 4)) 160,$((top - 16)) 130,$((top - 4)) 100,$((top - 14))")
  top=$((top - 10))
  if [[ "$extra" != mini ]]; then
    draw+=(-fill "$TOMATO" -draw "roundrectangle 128,$((top - 14)) 384,$((top + 2)) 8,8"); top=$((top - 12))
  fi
  draw+=(-fill "$BUN" -draw "ellipse 256,$((top + 4)) 160,$((top - 60)) 180,360"
         -fill '#F0B266' -draw "ellipse 210,$((top - 50)) 60,18 200,300"
         -fill "$SESAME" -draw "ellipse 190,$((top - 40)) 7,4 0,360" -draw "ellipse 240,$((top - 62)) 7,4 0,360"
         -draw "ellipse 300,$((top - 48)) 7,4 0,360" -draw "ellipse 340,$((top - 22)) 7,4 0,360"
         -draw "ellipse 150,$((top - 16)) 7,4 0,360" -draw "ellipse 270,$((top - 26)) 7,4 0,360")
  layer "${draw[@]}" "$TMP/$name.png"
  finish "$TMP/$name.png" "$name" "$bg"
}

# cup NAME BG BODY BAND STRAW: a cold drink in a paper cup with a lid and a straw
cup() {
  local name="$1" bg="$2" body="$3" band="$4" straw="$5"
  layer -fill "$SHADOW" -draw "ellipse 256,332 110,14 0,360" \
    -fill "$straw" -draw "polygon 262,30 276,30 282,100 268,100" \
    -fill "$body" -draw "polygon 176,108 336,108 310,330 202,330" \
    -fill "$band" -draw "polygon 182,170 330,170 322,250 190,250" \
    -fill '#FFFFFF' -draw "circle 256,210 256,238" \
    -fill "$band" -draw "circle 256,210 256,226" \
    -fill '#F4F4F4' -draw "roundrectangle 166,92 346,114 10,10" \
    "$TMP/$name.png"
  finish "$TMP/$name.png" "$name" "$bg"
}

# shake NAME BG COLOUR: a milkshake with a whipped-cream dome
shake() {
  local name="$1" bg="$2" colour="$3"
  layer -fill "$SHADOW" -draw "ellipse 256,332 100,14 0,360" \
    -fill '#E0457B' -draw "polygon 286,24 298,24 292,120 280,120" \
    -fill '#FFFFFF' -draw "polygon 186,120 326,120 306,330 206,330" \
    -fill "$colour" -draw "polygon 190,150 322,150 308,300 204,300" \
    -fill '#FFF8EE' -draw "ellipse 256,122 84,46 180,360" -draw "circle 256,76 256,96" \
    -fill '#D0213A' -draw "circle 256,62 256,74" \
    "$TMP/$name.png"
  finish "$TMP/$name.png" "$name" "$bg"
}

# bottle NAME BG LIQUID LABEL
bottle() {
  local name="$1" bg="$2" liquid="$3" label="$4"
  layer -fill "$SHADOW" -draw "ellipse 256,336 80,12 0,360" \
    -fill "$liquid" -draw "roundrectangle 196,120 316,334 30,30" -draw "rectangle 236,70 276,130" \
    -fill '#2F6FB3' -draw "roundrectangle 230,46 282,74 6,6" \
    -fill "$label" -draw "rectangle 196,190 316,260" \
    -fill '#FFFFFF' -draw "circle 256,225 256,245" \
    "$TMP/$name.png"
  finish "$TMP/$name.png" "$name" "$bg"
}

# coffee NAME BG SURFACE FOAM(0|1) CUP: a cup on a saucer, seen from above-front
coffee() {
  local name="$1" bg="$2" surface="$3" foam="$4" cup="$5"
  local art=()
  if [[ "$foam" == 1 ]]; then
    art=(-fill '#FBF1E3' -draw "circle 244,168 244,184" -draw "circle 268,168 268,184" -draw "polygon 230,174 282,174 256,206")
  fi
  layer -fill "$SHADOW" -draw "ellipse 256,318 170,30 0,360" \
    -fill '#FFFFFF' -draw "ellipse 256,306 170,34 0,360" \
    -fill '#E9E2D8' -draw "ellipse 256,306 110,18 0,360" \
    -stroke "$cup" -strokewidth 18 -fill none -draw "ellipse 352,226 34,40 270,90" -stroke none \
    -fill "$cup" -draw "polygon 158,170 354,170 330,296 182,296" -draw "ellipse 256,296 74,14 0,180" \
    -fill "$cup" -draw "ellipse 256,170 98,34 0,360" \
    -fill "$surface" -draw "ellipse 256,172 86,26 0,360" \
    "${art[@]}" \
    "$TMP/$name.png"
  finish "$TMP/$name.png" "$name" "$bg"
}

# tea NAME BG LIQUID: a glass of tea with a lemon slice
tea() {
  local name="$1" bg="$2" liquid="$3"
  layer -fill "$SHADOW" -draw "ellipse 256,326 100,16 0,360" \
    -fill '#E8F4F8' -draw "polygon 176,110 336,110 316,322 196,322" \
    -fill "$liquid" -draw "polygon 184,150 328,150 312,310 200,310" \
    -fill '#F7D83A' -draw "circle 320,120 320,150" -fill '#FFF6B0' -draw "circle 320,120 320,142" \
    -stroke '#F7D83A' -strokewidth 3 -draw "line 320,92 320,148" -draw "line 292,120 348,120" -stroke none \
    "$TMP/$name.png"
  finish "$TMP/$name.png" "$name" "$bg"
}

# fries NAME BG STICK BOX SIZE(small|large)
fries() {
  local name="$1" bg="$2" stick="$3" box="$4" size="$5"
  local top=110 w=80
  [[ "$size" == small ]] && top=150 && w=64
  local draw=(-fill "$SHADOW" -draw "ellipse 256,330 120,14 0,360" -fill "$stick")
  for x in -60 -40 -20 0 20 40 60; do
    local h=$(( (x * x) / 60 ))
    draw+=(-draw "polygon $((256 + x - 9)),$((top + h)) $((256 + x + 9)),$((top + h - 4)) $((256 + x + 7)),230 $((256 + x - 7)),230")
  done
  draw+=(-fill "$box" -draw "polygon $((256 - w - 20)),200 $((256 + w + 20)),200 $((256 + w)),330 $((256 - w)),330"
         -fill '#FFD23F' -draw "polygon 226,250 286,250 256,300")
  layer "${draw[@]}" "$TMP/$name.png"
  finish "$TMP/$name.png" "$name" "$bg"
}

# pieces NAME BG COLOUR SHAPE(nugget|wing|strip|ring|stick|wedge) COUNT
pieces() {
  local name="$1" bg="$2" colour="$3" shape="$4" count="$5"
  local draw=(-fill "$SHADOW" -draw "ellipse 256,320 180,22 0,360"
              -fill '#FFFFFF' -draw "ellipse 256,300 190,40 0,360")
  local i x y
  for ((i = 0; i < count; i++)); do
    x=$(( 150 + (i % 4) * 70 + (i / 4) * 30 ))
    y=$(( 280 - (i / 4) * 46 - (i % 2) * 10 ))
    case "$shape" in
      nugget) draw+=(-fill "$colour" -draw "ellipse $x,$y 38,26 0,360" -fill '#E8B86A' -draw "ellipse $((x - 8)),$((y - 8)) 14,7 0,360") ;;
      wing) draw+=(-fill "$colour" -draw "ellipse $x,$y 40,24 0,360" -fill '#F3E4C8' -draw "roundrectangle $((x + 30)),$((y - 6)) $((x + 54)),$((y + 6)) 6,6") ;;
      strip) draw+=(-fill "$colour" -draw "roundrectangle $((x - 22)),$((y - 50)) $((x + 22)),$((y + 10)) 16,16") ;;
      ring) draw+=(-stroke "$colour" -strokewidth 16 -fill none -draw "ellipse $x,$y 36,24 0,360" -stroke none) ;;
      stick) draw+=(-fill "$colour" -draw "roundrectangle $((x - 14)),$((y - 60)) $((x + 14)),$((y + 10)) 12,12" -fill '#FFF2B0' -draw "rectangle $((x - 6)),$((y - 50)) $((x + 6)),$((y - 40))") ;;
      wedge) draw+=(-fill "$colour" -draw "polygon $((x - 30)),$((y + 10)) $((x + 30)),$((y + 10)) $((x + 10)),$((y - 40))" -fill '#F6DC8C' -draw "polygon $((x - 18)),$((y + 4)) $((x + 18)),$((y + 4)) $((x + 6)),$((y - 26))") ;;
      apple) draw+=(-fill '#C8E07A' -draw "ellipse $x,$y 34,20 0,360" -fill '#FDF7D8' -draw "ellipse $x,$((y + 4)) 30,12 0,360") ;;
    esac
  done
  layer "${draw[@]}" "$TMP/$name.png"
  finish "$TMP/$name.png" "$name" "$bg"
}

# salad NAME BG EXTRA(chicken|veg|slaw)
salad() {
  local name="$1" bg="$2" extra="$3"
  local draw=(-fill "$SHADOW" -draw "ellipse 256,330 170,18 0,360"
              -fill '#FFFFFF' -draw "ellipse 256,230 180,100 0,180")
  case "$extra" in
    slaw) draw+=(-fill '#F2F0E0' -draw "ellipse 256,232 160,40 180,360" -fill '#F39A3A' -draw "rectangle 200,210 260,216" -draw "rectangle 280,220 330,226" -fill '#9B59B6' -draw "rectangle 180,222 230,228") ;;
    *) draw+=(-fill "$LETTUCE" -draw "ellipse 200,226 60,36 180,360" -draw "ellipse 300,222 70,40 180,360" -fill '#4FA23A' -draw "ellipse 250,214 50,30 180,360"
              -fill "$TOMATO" -draw "circle 190,212 190,230" -draw "circle 320,206 320,224") ;;
  esac
  case "$extra" in
    chicken) draw+=(-fill "$CHICKEN" -draw "roundrectangle 220,186 270,206 8,8" -draw "roundrectangle 280,192 330,212 8,8" -fill '#F5F0E0' -draw "rectangle 240,170 256,186") ;;
    veg) draw+=(-fill '#F4D03F' -draw "circle 250,196 250,208" -fill '#8E44AD' -draw "ellipse 300,196 18,8 0,360") ;;
  esac
  layer "${draw[@]}" "$TMP/$name.png"
  finish "$TMP/$name.png" "$name" "$bg"
}

# wrap NAME BG FILLING
wrap() {
  local name="$1" bg="$2" filling="$3"
  layer -fill "$SHADOW" -draw "ellipse 256,320 170,18 0,360" \
    -fill '#EBCB8B' -draw "polygon 120,270 340,150 392,236 172,340" \
    -fill '#D9B070' -draw "ellipse 368,192 40,50 -30,330" \
    -fill "$filling" -draw "ellipse 368,192 30,40 0,360" \
    -fill "$LETTUCE" -draw "ellipse 360,180 14,18 0,360" \
    "$TMP/$name.png"
  finish "$TMP/$name.png" "$name" "$bg"
}

# cone NAME BG SCOOP
cone() {
  local name="$1" bg="$2" scoop="$3"
  layer -fill "$SHADOW" -draw "ellipse 256,336 60,10 0,360" \
    -fill '#D9A049' -draw "polygon 200,170 312,170 256,336" \
    -stroke '#B9802C' -strokewidth 4 -draw "line 214,190 270,300" -draw "line 240,176 286,260" -draw "line 298,190 242,300" -draw "line 272,176 226,260" -stroke none \
    -fill "$scoop" -draw "circle 256,140 256,204" \
    -fill '#FFFFFF60' -draw "ellipse 236,120 20,12 0,360" \
    "$TMP/$name.png"
  finish "$TMP/$name.png" "$name" "$bg"
}

# sundae NAME BG TOPPING
sundae() {
  local name="$1" bg="$2" topping="$3"
  layer -fill "$SHADOW" -draw "ellipse 256,334 90,12 0,360" \
    -fill '#DDEFF5' -draw "polygon 176,190 336,190 296,270 216,270" -draw "rectangle 248,270 264,320" -draw "ellipse 256,326 60,10 0,360" \
    -fill '#FFF8EE' -draw "circle 226,176 226,220" -draw "circle 286,176 286,220" -draw "circle 256,140 256,186" \
    -fill "$topping" -draw "polygon 196,170 316,170 306,190 290,176 276,196 256,174 236,196 220,176 206,192" -draw "ellipse 256,120 40,18 0,360" \
    -fill '#D0213A' -draw "circle 256,92 256,106" \
    "$TMP/$name.png"
  finish "$TMP/$name.png" "$name" "$bg"
}

# pastry NAME BG KIND(pie|cheesecake|brownie|muffin|honeycake)
pastry() {
  local name="$1" bg="$2" kind="$3"
  local draw=(-fill "$SHADOW" -draw "ellipse 256,322 170,20 0,360" -fill '#FFFFFF' -draw "ellipse 256,300 180,36 0,360")
  case "$kind" in
    pie) draw+=(-fill '#D98A3A' -draw "roundrectangle 150,200 362,290 30,30" -fill '#B5541E' -draw "rectangle 190,236 222,244" -draw "rectangle 240,236 272,244" -draw "rectangle 290,236 322,244" -fill '#8E1B2C' -draw "ellipse 340,282 12,8 0,360") ;;
    cheesecake) draw+=(-fill '#FFF2CC' -draw "polygon 150,290 362,290 362,210 150,250" -fill '#C98A4B' -draw "rectangle 150,280 362,294" -fill '#E23E57' -draw "polygon 150,250 362,210 362,200 150,240") ;;
    brownie) draw+=(-fill '#4A2A1A' -draw "roundrectangle 160,220 250,292 8,8" -draw "roundrectangle 262,210 352,286 8,8" -fill '#6B3E26' -draw "rectangle 170,226 240,232" -draw "rectangle 272,216 342,222") ;;
    muffin) draw+=(-fill '#E0457B' -draw "polygon 196,210 316,210 300,300 212,300" -fill '#5A3220' -draw "ellipse 256,210 80,60 180,360" -fill '#2B140B' -draw "circle 236,186 236,192" -draw "circle 270,172 270,178" -draw "circle 290,200 290,206") ;;
    honeycake) draw+=(-fill '#D9A049' -draw "polygon 150,290 362,290 362,170 150,230" -fill '#FFF2CC' -draw "polygon 150,262 362,262 362,250 150,250" -draw "polygon 150,238 362,226 362,214 150,226" -fill '#B9802C' -draw "polygon 150,230 362,170 362,160 150,220") ;;
  esac
  layer "${draw[@]}" "$TMP/$name.png"
  finish "$TMP/$name.png" "$name" "$bg"
}

# combo NAME BG MAIN SIDE DRINK: three layers drawn above, made smaller, side by side
combo() {
  local name="$1" bg="$2" main="$3" side="$4" drink="$5"
  convert -size ${W}x${H} xc:none \
    \( "$TMP/$drink.png" -resize 70% \) -geometry +250+40 -composite \
    \( "$TMP/$side.png" -resize 62% \) -geometry +10+110 -composite \
    \( "$TMP/$main.png" -resize 72% \) -geometry +70+120 -composite \
    "$TMP/$name.png"
  finish "$TMP/$name.png" "$name" "$bg"
}

# --- dishes -------------------------------------------------------------------------------------------------
BG_BURGER='#FCE3C2'; BG_CHICKEN='#FFE9B3'; BG_SIDE='#FFF0C7'; BG_SALAD='#E4F2D2'; BG_DRINK='#D8ECF7'
BG_COFFEE='#EBDDCF'; BG_DESSERT='#FBE0E8'; BG_COMBO='#FFD9B0'

burger burger-classic "$BG_BURGER" "$BEEF" 1 0 none
burger burger-cheese "$BG_BURGER" "$BEEF" 1 1 none
burger burger-double "$BG_BURGER" "$BEEF" 2 1 none
burger burger-ogonyok "$BG_BURGER" "$BEEF" 1 1 jalapeno
burger burger-bacon "$BG_BURGER" "$BEEF" 1 1 bacon
burger burger-mushroom "$BG_BURGER" "$BEEF" 1 1 mushroom
burger burger-truffle "$BG_BURGER" "$BEEF" 1 1 truffle
burger burger-veggie "$BG_BURGER" "$VEGGIE" 1 0 none
burger burger-mini "$BG_BURGER" "$BEEF" 1 1 mini
burger chicken-burger "$BG_CHICKEN" "$CRISPY" 1 0 none
burger chicken-burger-spicy "$BG_CHICKEN" "$CRISPY" 1 1 jalapeno
pieces nuggets-6 "$BG_CHICKEN" "$CHICKEN" nugget 6
pieces nuggets-9 "$BG_CHICKEN" "$CHICKEN" nugget 9
pieces wings-spicy "$BG_CHICKEN" '#B5541E' wing 6
pieces chicken-strips "$BG_CHICKEN" "$CHICKEN" strip 5
wrap chicken-wrap "$BG_CHICKEN" "$CHICKEN"
fries fries "$BG_SIDE" '#F6C642' '#D7262C' large
fries fries-small "$BG_SIDE" '#F6C642' '#D7262C' small
pieces potato-wedges "$BG_SIDE" '#D9913A' wedge 6
pieces onion-rings "$BG_SIDE" '#E0A040' ring 6
pieces cheese-sticks "$BG_SIDE" '#E8A33C' stick 5
pieces apple-slices "$BG_SIDE" '#C8E07A' apple 6
salad salad-caesar "$BG_SALAD" chicken
salad salad-garden "$BG_SALAD" veg
salad coleslaw "$BG_SALAD" slaw
cup cola "$BG_DRINK" '#FFFFFF' '#C8102E' '#C8102E'
cup cola-zero "$BG_DRINK" '#FFFFFF' '#1A1A1A' '#1A1A1A'
cup lemonade-tarragon "$BG_DRINK" '#FFFFFF' '#3FAE49' '#3FAE49'
cup mors-cranberry "$BG_DRINK" '#FFFFFF' '#9B1B30' '#9B1B30'
cup juice-orange "$BG_DRINK" '#FFFFFF' '#F39C12' '#F39C12'
bottle water "$BG_DRINK" '#CFE8F3' '#2F6FB3'
shake shake-vanilla "$BG_DRINK" '#F6E7B8'
shake shake-chocolate "$BG_DRINK" '#6B3E26'
shake shake-strawberry "$BG_DRINK" '#F29BB5'
bottle juice-kids "$BG_DRINK" '#F7B733' '#E74C3C'
coffee espresso "$BG_COFFEE" '#3B1F12' 0 '#FFFFFF'
coffee americano "$BG_COFFEE" '#4A2A1A' 0 '#FFFFFF'
coffee cappuccino "$BG_COFFEE" '#C8A27A' 1 '#FFFFFF'
coffee latte "$BG_COFFEE" '#D9B892' 1 '#F4E9DC'
coffee flat-white "$BG_COFFEE" '#B98A5E' 1 '#FFFFFF'
coffee raf "$BG_COFFEE" '#EAD7B7' 0 '#F4E9DC'
coffee cocoa "$BG_COFFEE" '#7A4A2E' 0 '#E23E57'
tea tea-black "$BG_COFFEE" '#B5541E'
tea tea-green "$BG_COFFEE" '#B8C54A'
cone ice-cream-cone "$BG_DESSERT" '#FFF8EE'
sundae sundae "$BG_DESSERT" '#6B3E26'
pastry pie-cherry "$BG_DESSERT" pie
pastry cheesecake "$BG_DESSERT" cheesecake
pastry brownie "$BG_DESSERT" brownie
pastry muffin "$BG_DESSERT" muffin
pastry honey-cake "$BG_DESSERT" honeycake
combo combo-classic "$BG_COMBO" burger-classic fries cola
combo combo-chicken "$BG_COMBO" chicken-burger potato-wedges lemonade-tarragon
combo combo-kids "$BG_COMBO" burger-mini apple-slices juice-kids
combo combo-coffee "$BG_COMBO" muffin cheesecake cappuccino
combo combo-duo "$BG_COMBO" burger-double onion-rings cola

# --- categories ---------------------------------------------------------------------------------------------
cp "$OUT/burger-cheese.png" "$OUT/category-burgers.png"
cp "$OUT/chicken-strips.png" "$OUT/category-chicken.png"
cp "$OUT/combo-classic.png" "$OUT/category-combos.png"
cp "$OUT/fries.png" "$OUT/category-sides.png"
cp "$OUT/salad-caesar.png" "$OUT/category-salads.png"
cp "$OUT/lemonade-tarragon.png" "$OUT/category-drinks.png"
cp "$OUT/cappuccino.png" "$OUT/category-coffee.png"
cp "$OUT/sundae.png" "$OUT/category-desserts.png"

# --- hero images for the attract screen (portrait 1080x1440) ----------------------------------------------------
FONT=DejaVu-Sans-Bold
hero() {
  local name="$1" bg="$2" accent="$3" main="$4" left="$5" right="$6" title="$7" subtitle="$8"
  convert -size 1080x1440 xc:"$bg" \
    -fill "$accent" -draw "circle 540,760 540,1180" \
    -fill '#FFFFFF30' -draw "circle 540,760 540,1080" \
    \( "$TMP/$left.png" -resize 110% \) -geometry +0+930 -composite \
    \( "$TMP/$right.png" -resize 110% \) -geometry +520+910 -composite \
    \( "$TMP/$main.png" -resize 190% \) -geometry +54+340 -composite \
    -font "$FONT" -fill '#FFFFFF' -pointsize 120 -gravity north -annotate +0+110 "$title" \
    -pointsize 54 -annotate +0+270 "$subtitle" \
    -strip -colors 128 "PNG8:$OUT/$name.png"
}
hero hero-burger '#C8341F' '#F08A24' burger-ogonyok fries cola "Огонёк" "Бургеры с огоньком"
hero hero-coffee '#5A3220' '#B9802C' cappuccino cheesecake muffin "Огонёк" "Кофе и десерты"

echo "images written to $OUT:"
ls "$OUT" | wc -l
