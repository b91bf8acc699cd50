<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../plugin/algorithms/base.py" line="65"/>
        <source>Canceled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="29"/>
        <source>Load PLATEAU CityGML</source>
        <translation>PLATEAU CityGML の読み込み</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="30"/>
        <source>City model</source>
        <translation>都市モデル</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="31"/>
        <source>Reads a PLATEAU CityGML file, or a dataset folder (udx/bldg/*.gml), streaming it with bounded memory. BUILDINGS: one footprint per building with its height, ground and roof heights and every attribute (code lists resolved where the dataset&apos;s codelists/ folder is present). ROOFS: LOD2 roof surfaces as 3D polygons with area, tilt and azimuth. LOD picks the levels read (highest: each building at its best). CRS defaults to the Japan Plane Rectangular zone of the data.</source>
        <translation>PLATEAU の CityGML ファイル、またはデータセットフォルダ（udx/bldg/*.gml）を、メモリ使用量を抑えて逐次読み込みます。BUILDINGS：建物ごとの外形（フットプリント）と高さ・地盤高・屋根高、およびすべての属性（データセットに codelists/ フォルダがあればコードを名称に変換）。ROOFS：LOD2 屋根面の 3D ポリゴン（面積・傾斜角・方位角付き）。LOD は読み込む詳細度（highest：建物ごとに最も詳細なもの）。座標参照系の既定はデータの位置に応じた平面直角座標系です。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="43"/>
        <source>CityGML file or PLATEAU dataset folder</source>
        <translation>CityGML ファイルまたは PLATEAU データセットフォルダ</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="46"/>
        <source>Level of detail</source>
        <translation>詳細度 (LOD)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="48"/>
        <source>Output CRS (default: plane-rectangular zone of the data)</source>
        <translation>出力座標参照系（既定：データの平面直角座標系）</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="66"/>
        <source>Buildings</source>
        <translation>建物</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="54"/>
        <source>Roof surfaces (LOD2)</source>
        <translation>屋根面 (LOD2)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="66"/>
        <source>The output CRS must be a projected EPSG CRS in metres.</source>
        <translation>出力座標参照系はメートル単位の投影座標系（EPSG）を指定してください。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="69"/>
        <source>Reading {}</source>
        <translation>{} を読み込んでいます</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="79"/>
        <source>{} buildings, {} LOD2 roof surfaces, CRS EPSG:{}</source>
        <translation>建物 {} 棟、LOD2 屋根面 {} 面、座標参照系 EPSG:{}</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="41"/>
        <source>Urban Twin: missing Python packages: {}</source>
        <translation>Urban Twin：不足している Python パッケージ：{}</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="45"/>
        <source>Urban Twin</source>
        <translation>Urban Twin</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="59"/>
        <source>Load PLATEAU CityGML…</source>
        <translation>PLATEAU CityGML を読み込む…</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="61"/>
        <source>Load the sample district</source>
        <translation>サンプル地区を読み込む</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="64"/>
        <source>Install Python dependencies…</source>
        <translation>Python 依存パッケージをインストール…</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="171"/>
        <source>Missing Python packages: {}. Use Urban Twin &gt; Install Python dependencies…</source>
        <translation>Python パッケージが不足しています：{}。「Urban Twin &gt; Python 依存パッケージをインストール…」を実行してください</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="194"/>
        <source>Installing Urban Twin dependencies</source>
        <translation>Urban Twin の依存パッケージをインストールしています</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="202"/>
        <source>Dependencies installed.</source>
        <translation>依存パッケージをインストールしました。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="48"/>
        <source>Sun and shadow</source>
        <translation>日照と日影</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="37"/>
        <source>Shadow at an instant</source>
        <translation>ある時刻の日影</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="52"/>
        <source>Time (HH:MM)</source>
        <translation>時刻 (HH:MM)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="53"/>
        <source>Time is true solar time</source>
        <translation>時刻は真太陽時</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="57"/>
        <source>Shadows</source>
        <translation>日影</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="59"/>
        <source>Shadows merged</source>
        <translation>日影（結合）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="73"/>
        <source>Clock time {}</source>
        <translation>時刻（標準時）{}</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="77"/>
        <source>Sun elevation {:.2f}°, azimuth {:.2f}°</source>
        <translation>太陽高度 {:.2f}°、方位角 {:.2f}°</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="88"/>
        <source>The time &apos;{}&apos; is not HH:MM.</source>
        <translation>時刻 '{}' が HH:MM の形式ではありません。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="90"/>
        <source>The time &apos;{}&apos; is not a time of day.</source>
        <translation>時刻 '{}' は一日の中の時刻ではありません。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="112"/>
        <source>Sunlight and shadow hours</source>
        <translation>日照時間・日影時間</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="114"/>
        <source>A raster of the hours in shadow on a plane PLANE_HEIGHT metres above the ground (the DEM where given, else flat), from START to END (true solar time by default) every STEP_MINUTES on DATE (default: the winter solstice), with buildings and terrain casting shadow. Cells inside buildings taller than the plane are no-data. SUN_OUTPUT: the hours of sun. PREVIEW: a 3D picture (PNG) of the buildings over the result.</source>
        <translation>地盤面（DEM があればその地形、なければ平面）から PLANE_HEIGHT メートルの測定面が日影になる時間のラスタを、DATE（既定：冬至日）の START から END まで（既定は真太陽時）STEP_MINUTES 分ごとに、建物と地形の両方の影を考慮して求めます。測定面より高い建物の内部は値なしです。SUN_OUTPUT：日照時間。PREVIEW：建物と結果の 3D 画像 (PNG)。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="132"/>
        <source>Times are true solar time</source>
        <translation>時刻は真太陽時</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="96"/>
        <source>Extent (default: the buildings)</source>
        <translation>範囲（既定：建物の範囲）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="139"/>
        <source>Hours in shadow</source>
        <translation>日影時間</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="140"/>
        <source>Hours of sun</source>
        <translation>日照時間</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="48"/>
        <source>3D preview (PNG)</source>
        <translation>3D プレビュー (PNG)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="166"/>
        <source>{} sun positions, {} x {} cells</source>
        <translation>太陽位置 {} 個、{} x {} セル</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="259"/>
        <source>hours in shadow</source>
        <translation>日影時間</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="181"/>
        <source>Class 1: 3 h / 2 h (Hokkaido 2 h / 1.5 h)</source>
        <translation>（一）3 時間 / 2 時間（北海道 2 時間 / 1.5 時間）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="182"/>
        <source>Class 2: 4 h / 2.5 h (Hokkaido 3 h / 2 h)</source>
        <translation>（二）4 時間 / 2.5 時間（北海道 3 時間 / 2 時間）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="183"/>
        <source>Class 3: 5 h / 3 h (Hokkaido 4 h / 2.5 h)</source>
        <translation>（三）5 時間 / 3 時間（北海道 4 時間 / 2.5 時間）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="184"/>
        <source>From the data&apos;s location</source>
        <translation>データの位置から判定</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="184"/>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="185"/>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="205"/>
        <source>Shadow regulation check (日影規制)</source>
        <translation>日影規制の検討</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="207"/>
        <source>Checks the buildings standing on SITE against the shadow regulation of the Building Standards Act (art. 56-2, table 4): on the winter solstice, 8:00-16:00 true solar time (9:00-15:00 in Hokkaido), their shadow on the plane at MEASURING_HEIGHT may last at most the class&apos;s limits beyond the lines 5 m and 10 m outside the site boundary. Outputs the equal-time shadow lines (CONTOURS), the regulation lines (LINES), the hourly shadow outlines (HOURLY), a verdict per line with where and by how much it is exceeded (VERDICT) and a diagram (DIAGRAM, PNG). ROADS and ROAD_WIDTH move the boundary out over an adjoining road (half its width; width - 5 m over 10 m).</source>
        <translation>敷地（SITE）上の建物を建築基準法第 56 条の 2（別表第四）の日影規制で検討します。冬至日の真太陽時 8 時〜16 時（北海道は 9 時〜15 時）に、平均地盤面から MEASURING_HEIGHT の測定面に生じる日影が、敷地境界線から 5 m と 10 m の線を超える範囲で規制時間以内かを判定します。出力：等時間日影線（CONTOURS）、規制ライン（LINES）、時刻日影図（HOURLY）、ラインごとの判定と超過の場所・量（VERDICT）、日影図（DIAGRAM, PNG）。ROADS と ROAD_WIDTH で道路に接する境界線を緩和します（道路幅の 1/2、10 m を超える場合は幅 − 5 m）。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="234"/>
        <source>Site</source>
        <translation>敷地</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="235"/>
        <source>Regulation class</source>
        <translation>規制の種別</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="237"/>
        <source>Measuring height (m)</source>
        <translation>測定面の高さ (m)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="240"/>
        <source>Hokkaido table</source>
        <translation>北海道の規制値</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="246"/>
        <source>Roads and waterways (optional)</source>
        <translation>道路・水面（任意）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="252"/>
        <source>Equal-time shadow lines</source>
        <translation>等時間日影線</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="254"/>
        <source>Regulation lines</source>
        <translation>規制ライン</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="256"/>
        <source>Hourly shadow outlines</source>
        <translation>時刻日影図</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="258"/>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="259"/>
        <source>Diagram (PNG)</source>
        <translation>日影図 (PNG)</translation>
    </message>
    <message>
        <location filename="../plugin/styles.py" line="120"/>
        <source>complies</source>
        <translation>適合</translation>
    </message>
    <message>
        <location filename="../plugin/styles.py" line="120"/>
        <source>exceeds</source>
        <translation>超過</translation>
    </message>
    <message>
        <location filename="../plugin/inputs.py" line="31"/>
        <source>Buildings (footprints with a height)</source>
        <translation>建物（高さ付きの外形）</translation>
    </message>
    <message>
        <location filename="../plugin/inputs.py" line="33"/>
        <source>Height field (m above ground; default: height)</source>
        <translation>高さのフィールド（地盤面からの m、既定：height）</translation>
    </message>
    <message>
        <location filename="../plugin/inputs.py" line="36"/>
        <source>LOD2 roof surfaces (optional, from Load PLATEAU CityGML)</source>
        <translation>LOD2 屋根面（任意、PLATEAU CityGML の読み込みの出力）</translation>
    </message>
    <message>
        <location filename="../plugin/inputs.py" line="40"/>
        <source>DEM (optional)</source>
        <translation>DEM（任意）</translation>
    </message>
    <message>
        <location filename="../plugin/inputs.py" line="46"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location filename="../plugin/inputs.py" line="55"/>
        <source>The date is not valid.</source>
        <translation>日付が正しくありません。</translation>
    </message>
    <message>
        <location filename="../plugin/inputs.py" line="63"/>
        <source>The buildings layer could not be read.</source>
        <translation>建物レイヤを読み込めませんでした。</translation>
    </message>
    <message>
        <location filename="../plugin/inputs.py" line="111"/>
        <source>The DEM&apos;s CRS ({}) differs from the buildings&apos; (EPSG:{}): reproject it first.</source>
        <translation>DEM の座標参照系 ({}) が建物 (EPSG:{}) と異なります。先に再投影してください。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="54"/>
        <source>Height of the plane above the ground (m)</source>
        <translation>地盤面からの平面の高さ (m)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="128"/>
        <source>Start (hour)</source>
        <translation>開始（時）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="129"/>
        <source>End (hour)</source>
        <translation>終了（時）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="243"/>
        <source>Step (minutes)</source>
        <translation>間隔（分）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="133"/>
        <source>Height of the measuring plane above the ground (m)</source>
        <translation>地盤面からの測定面の高さ (m)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="190"/>
        <source>Cell size (m)</source>
        <translation>セルサイズ (m)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="248"/>
        <source>Width of the adjoining road (m)</source>
        <translation>接する道路の幅 (m)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="47"/>
        <source>Solar rooftop potential</source>
        <translation>屋根の太陽光発電ポテンシャル</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="74"/>
        <source>Exclude roofs under this share of the best roof</source>
        <translation>最良の屋根に対してこの割合未満の屋根を除外</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="76"/>
        <source>Edge setback (m)</source>
        <translation>縁からの後退距離 (m)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="78"/>
        <source>Minimum usable area (m²)</source>
        <translation>最小設置面積 (m²)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="80"/>
        <source>Installable kWp per m²</source>
        <translation>1 m² あたりの設置容量 (kWp)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="82"/>
        <source>System losses (%)</source>
        <translation>システム損失 (%)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="84"/>
        <source>Emission factor (kg-CO2/kWh)</source>
        <translation>排出係数 (kg-CO2/kWh)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="87"/>
        <source>Roof surfaces with solar potential</source>
        <translation>屋根面の太陽光ポテンシャル</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="89"/>
        <source>Buildings with solar potential</source>
        <translation>建物の太陽光ポテンシャル</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="91"/>
        <source>Roof irradiation raster (kWh/m²/year)</source>
        <translation>屋根の日射量ラスタ (kWh/m²/年)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="108"/>
        <source>Weather: {} ({:.0f} kWh/m² a year on the horizontal)</source>
        <translation>気象データ：{}（水平面 年間 {:.0f} kWh/m²）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="129"/>
        <source>{} roof surfaces, {} points; {:.0f} kWp, {:.0f} MWh a year, {:.0f} t-CO2 avoided</source>
        <translation>屋根面 {} 面、{} 点；{:.0f} kWp、年間 {:.0f} MWh、CO2 削減 {:.0f} t</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="260"/>
        <source>kWh/m² a year</source>
        <translation>年間 kWh/m²</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="28"/>
        <source>Barrier-free</source>
        <translation>バリアフリー</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="47"/>
        <source>Pedestrian network links (歩行空間ネットワーク or OSM footways)</source>
        <translation>歩行空間ネットワークのリンク（歩行空間ネットワークデータまたは OSM の歩道）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="50"/>
        <source>Network nodes (optional)</source>
        <translation>ネットワークのノード（任意）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="52"/>
        <source>Road polygons, to build a network where there is none (optional)</source>
        <translation>道路ポリゴン（ネットワークがない場合に作成、任意）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="55"/>
        <source>DEM, for slopes the network lacks (optional)</source>
        <translation>DEM（ネットワークに勾配がない場合、任意）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="57"/>
        <source>Profile</source>
        <translation>利用者</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="60"/>
        <source>User-defined profile (JSON, for &apos;custom&apos;)</source>
        <translation>ユーザー定義の利用者条件（JSON、custom 用）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="71"/>
        <source>No network given: built {} links from the road centre lines; their attributes are unknown.</source>
        <translation>ネットワークが指定されていないため、道路中心線から {} 本のリンクを作成しました。属性は不明です。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="74"/>
        <source>Give a network (LINKS) or road polygons (ROADS).</source>
        <translation>ネットワーク（LINKS）または道路ポリゴン（ROADS）を指定してください。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="87"/>
        <source>The custom profile needs a JSON file (PROFILE_FILE).</source>
        <translation>custom の利用者条件には JSON ファイル（PROFILE_FILE）が必要です。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="91"/>
        <source>Profile: {} ({})</source>
        <translation>利用者：{}（{}）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="99"/>
        <source>The network has no CRS.</source>
        <translation>ネットワークに座標参照系がありません。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="125"/>
        <source>Barrier-free hazards</source>
        <translation>バリアフリー上の支障箇所</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="126"/>
        <source>Classifies every link of a pedestrian network (歩行空間ネットワークデータ, or OpenStreetMap footways with incline, width, kerb, surface and tactile_paving) as passable, caution or impassable for a profile (manual or electric wheelchair, stroller, visually impaired, elderly with a cane, or your own JSON), with the reasons, e.g. 'slope 9.1% &gt; 8%'. Limits follow the Japanese barrier-free road and building standards. Missing slopes are measured on the DEM; with no network, one is built from road polygons. Outputs: links (also the class for every built-in profile), nodes, hazard points (steps, stairs without an alternative, pinch points), counts per class, and a 3D preview.</source>
        <translation>歩行空間ネットワーク（歩行空間ネットワークデータ、または incline・width・kerb・surface・tactile_paving を持つ OpenStreetMap の歩道）の各リンクを、利用者（手動・電動車いす、ベビーカー、視覚障害者、杖を使う高齢者、または JSON で定義）ごとに「通行可」「注意」「通行不可」に分類し、理由（例：'slope 9.1% &gt; 8%'）を付けます。基準値は道路・建築物の移動等円滑化基準によります。勾配がない場合は DEM から計測し、ネットワークがない場合は道路ポリゴンから作成します。出力：リンク（全利用者の区分付き）、ノード、支障箇所の点（段差、代替経路のない階段、狭い箇所）、区分ごとの集計、3D プレビュー。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="145"/>
        <source>Classified links</source>
        <translation>分類したリンク</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="147"/>
        <source>Hazard points</source>
        <translation>支障箇所</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="149"/>
        <source>Classified nodes</source>
        <translation>分類したノード</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="98"/>
        <source>Counts per class</source>
        <translation>区分ごとの集計</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="166"/>
        <source>{}: {} links, {:.0f} m</source>
        <translation>{}：{} リンク、{:.0f} m</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="191"/>
        <source>Barrier-free reach</source>
        <translation>バリアフリー到達圏</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="192"/>
        <source>From ORIGINS (stations, public facilities), the area and the buildings reachable within MINUTES for the profile, and for an unimpeded walker. Caution links cost 1.5 times their time; impassable links are closed. AREA: the reached links buffered by BUFFER metres, one polygon each for the profile and the walker. BUILDING_OUTPUT: each building with its minutes for both and &apos;walker_only&apos; where it is reachable on foot but not with the profile.</source>
        <translation>起点（ORIGINS：駅・公共施設など）から MINUTES 分以内に到達できる範囲と建物を、利用者と制約のない歩行者の両方について求めます。「注意」のリンクは所要時間を 1.5 倍、「通行不可」のリンクは通れません。AREA：到達したリンクを BUFFER メートルでバッファした範囲（利用者と歩行者の 2 つ）。BUILDING_OUTPUT：建物ごとの所要時間と、歩行者は到達できるが利用者は到達できない建物（walker_only）。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="206"/>
        <source>Origins</source>
        <translation>起点</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="208"/>
        <source>Walking time (minutes)</source>
        <translation>移動時間（分）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="210"/>
        <source>Area buffer (m)</source>
        <translation>範囲のバッファ (m)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="211"/>
        <source>Buildings (optional)</source>
        <translation>建物（任意）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="213"/>
        <source>Reachable area</source>
        <translation>到達圏</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="215"/>
        <source>Buildings reached</source>
        <translation>到達できる建物</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="225"/>
        <source>The origins layer is empty.</source>
        <translation>起点レイヤが空です。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="237"/>
        <source>{} buildings reachable on foot but not with the profile</source>
        <translation>歩行者は到達できるが利用者は到達できない建物：{} 棟</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="246"/>
        <source>Barrier-free route</source>
        <translation>バリアフリー経路</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="247"/>
        <source>The fastest route for the profile from START to END (caution links cost 1.5 times their time, impassable links are closed), with its length, time and the hazards of the unimpeded walker&apos;s route it avoids. Where there is no barrier-free route it says so, writes the walker&apos;s route instead and the links that block it (BLOCKING).</source>
        <translation>START から END までの利用者にとって最短時間の経路（「注意」のリンクは 1.5 倍の時間、「通行不可」のリンクは通れません）を、距離・所要時間・歩行者の経路にある回避した支障とともに求めます。バリアフリー経路がない場合はその旨を示し、代わりに歩行者の経路と、それを妨げるリンク（BLOCKING）を出力します。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="256"/>
        <source>Start</source>
        <translation>出発地</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="257"/>
        <source>End</source>
        <translation>目的地</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="258"/>
        <source>Route</source>
        <translation>経路</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="259"/>
        <source>Blocking links</source>
        <translation>通行を妨げるリンク</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="275"/>
        <source>Route: {:.0f} m, {:.1f} min; avoids: {}</source>
        <translation>経路：{:.0f} m、{:.1f} 分、回避した支障：{}</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="142"/>
        <source>Buildings for the 3D preview (footprints with a height, optional)</source>
        <translation>3D プレビュー用の建物（高さ付きの外形、任意）</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="47"/>
        <source>Catalog</source>
        <translation>カタログ</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="59"/>
        <source>CKAN catalog URL</source>
        <translation>CKAN カタログの URL</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="60"/>
        <source>Sync</source>
        <translation>同期</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="61"/>
        <source>Fetch what changed in the catalog since the last sync</source>
        <translation>前回の同期以降にカタログで変わったものを取得</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="71"/>
        <source>Search datasets (Japanese or English)</source>
        <translation>データセットを検索（日本語・英語）</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="87"/>
        <source>Download</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="88"/>
        <source>Add to map</source>
        <translation>地図に追加</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="115"/>
        <source>All organizations</source>
        <translation>すべての組織</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="115"/>
        <source>All formats</source>
        <translation>すべての形式</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="140"/>
        <source>{} datasets in the mirror, {} shown</source>
        <translation>ミラー内 {} 件、表示 {} 件</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="156"/>
        <source> (in the mirror)</source>
        <translation>（ミラー内）</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="171"/>
        <source>Syncing the catalog</source>
        <translation>カタログを同期しています</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="187"/>
        <source>{} datasets fetched</source>
        <translation>{} 件を取得しました</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="200"/>
        <source>Downloading</source>
        <translation>ダウンロードしています</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="213"/>
        <source>Saved in the mirror: {}</source>
        <translation>ミラーに保存しました：{}</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="244"/>
        <source>offline: using the mirror</source>
        <translation>オフライン：ミラーを使用</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="261"/>
        <source>Added {} layer(s)</source>
        <translation>{} 個のレイヤを追加しました</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_layers.py" line="24"/>
        <source>Source: {} ({})</source>
        <translation>出典：{}（{}）</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_layers.py" line="49"/>
        <source>{} could not be opened as a layer</source>
        <translation>{} をレイヤとして開けませんでした</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="71"/>
        <source>Catalog…</source>
        <translation>カタログ…</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="30"/>
        <source>Wind</source>
        <translation>風</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="67"/>
        <source>Reference speed (m/s)</source>
        <translation>基準風速 (m/s)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="69"/>
        <source>Reference height (m)</source>
        <translation>基準高さ (m)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="72"/>
        <source>Pedestrian height (m)</source>
        <translation>歩行者の高さ (m)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="74"/>
        <source>Extent (default: the buildings and around them)</source>
        <translation>範囲（既定：建物とその周囲）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="106"/>
        <source>Pedestrian wind</source>
        <translation>歩行者レベルの風</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind_cfd.py" line="31"/>
        <source>Wind direction (degrees from north, where it blows from)</source>
        <translation>風向（北から時計回りの度、風が吹いてくる方向）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="42"/>
        <source>Wind speed (m/s)</source>
        <translation>風速 (m/s)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="43"/>
        <source>Speed ratio</source>
        <translation>風速比</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="44"/>
        <source>Wind arrows</source>
        <translation>風向の矢印</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="46"/>
        <source>Morphometry</source>
        <translation>形態指標</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="133"/>
        <source>Roughness length {:.2f} m, displacement height {:.1f} m</source>
        <translation>粗度長 {:.2f} m、ゼロ面変位 {:.1f} m</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="143"/>
        <source>Largest divergence left: {:.1e} 1/s</source>
        <translation>残る最大の発散：{:.1e} 1/s</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="259"/>
        <source>speed ratio</source>
        <translation>風速比</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="198"/>
        <source>Wind comfort</source>
        <translation>風環境評価</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="217"/>
        <source>Wind rose CSV (default: Tokyo, approximate)</source>
        <translation>風配図 CSV（既定：東京の概略値）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="219"/>
        <source>Criterion</source>
        <translation>評価基準</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="233"/>
        <source>Comfort class</source>
        <translation>評価区分</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="108"/>
        <source>Area per class</source>
        <translation>区分ごとの面積</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="257"/>
        <source>Wind rose: {}</source>
        <translation>風配図：{}</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="149"/>
        <source>Organization</source>
        <translation>組織</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="149"/>
        <source>License</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="149"/>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="149"/>
        <source>Updated</source>
        <translation>更新日</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="57"/>
        <source>Workbench</source>
        <translation>ワークベンチ</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="93"/>
        <source>3D preview</source>
        <translation>3D プレビュー</translation>
    </message>
    <message>
        <location filename="../plugin/preview_dock.py" line="50"/>
        <source>Run an analysis, then press 3D preview.</source>
        <translation>分析を実行してから「3D プレビュー」を押してください。</translation>
    </message>
    <message>
        <location filename="../plugin/preview_dock.py" line="52"/>
        <source>Interactive 3D</source>
        <translation>対話的な 3D</translation>
    </message>
    <message>
        <location filename="../plugin/preview_dock.py" line="75"/>
        <source>This analysis has no 3D picture yet: run it first.</source>
        <translation>この分析の 3D 画像はまだありません。先に実行してください。</translation>
    </message>
    <message>
        <location filename="../plugin/preview_dock.py" line="80"/>
        <source>Choose a buildings layer first.</source>
        <translation>先に建物レイヤを選んでください。</translation>
    </message>
    <message>
        <location filename="../plugin/preview_dock.py" line="117"/>
        <source>The interactive 3D view could not open: {}</source>
        <translation>対話的な 3D 表示を開けませんでした：{}</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="98"/>
        <source>Shadow hours (winter solstice)</source>
        <translation>日影時間（冬至日）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="98"/>
        <source>Measuring plane (m)</source>
        <translation>測定面 (m)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="98"/>
        <source>Height above the ground where shadow is counted: 1.5, 4 or 6.5 m in the regulation</source>
        <translation>日影を数える地盤面からの高さ（規制では 1.5、4、6.5 m）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="98"/>
        <source>Smaller cells are finer and slower</source>
        <translation>セルが小さいほど精細で時間がかかります</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="98"/>
        <source>Time between sun positions from 8:00 to 16:00 true solar time</source>
        <translation>真太陽時 8 時〜16 時の太陽位置の間隔</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="192"/>
        <source>Shadow regulation (日影規制)</source>
        <translation>日影規制</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="34"/>
        <source>Roof sampling (m)</source>
        <translation>屋根の計算点間隔 (m)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="34"/>
        <source>Distance between roof points</source>
        <translation>屋根上の計算点の間隔</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="34"/>
        <source>Exclude under this share of the best roof</source>
        <translation>最良の屋根に対してこの割合未満を除外</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="34"/>
        <source>Roof surfaces receiving less are not used for PV</source>
        <translation>これより日射の少ない屋根面は太陽光発電に使いません</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="93"/>
        <source>Wind from (degrees)</source>
        <translation>風向（度）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="93"/>
        <source>Where the wind blows from, clockwise from north (Tokyo&apos;s winter wind: NNW, 337.5)</source>
        <translation>風が吹いてくる方向（北から時計回り、東京の冬の風は北北西 337.5）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="93"/>
        <source>Speed at 10 m (m/s)</source>
        <translation>高さ 10 m の風速 (m/s)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="93"/>
        <source>Undisturbed wind speed at the reference height</source>
        <translation>基準高さでの乱されない風速</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="93"/>
        <source>Smaller cells are finer, slower and need more memory</source>
        <translation>セルが小さいほど精細ですが、時間とメモリが多く必要です</translation>
    </message>
    <message>
        <location filename="../plugin/workbench.py" line="76"/>
        <source>3D view</source>
        <translation>3D 表示</translation>
    </message>
    <message>
        <location filename="../plugin/workbench.py" line="76"/>
        <source>Diagram</source>
        <translation>日影図</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="192"/>
        <source>1. What is a shadow regulation?</source>
        <translation>1. 日影規制とは？</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="192"/>
        <source>Japan's Building Standards Act limits how long a new building may shade its neighbours on the shortest day of the year (日影規制). We check the tallest tower of the sample: the coloured lines show where its shadow lasts 2.5 and 4 hours.</source>
        <translation>建築基準法は、一年で最も昼の短い日に新しい建物が周りに日影を落とす時間を制限しています（日影規制）。サンプルで最も高いビルを調べます。色の線は日影が 2.5 時間と 4 時間続く範囲です。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="98"/>
        <source>2. Where is it dark all day?</source>
        <translation>2. 一日中暗いのはどこ？</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="98"/>
        <source>On the winter solstice the sun is low (31° at noon in Tokyo). Count the hours each place spends in shadow between 8:00 and 16:00.</source>
        <translation>冬至の太陽は低く、東京の正午で 31° です。8 時から 16 時までに各地点が日影になる時間を数えます。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="34"/>
        <source>3. Why do roofs face south?</source>
        <translation>3. 屋根はなぜ南向き？</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="34"/>
        <source>In Japan the sun stands in the south at noon: a roof sloping towards the south receives more sunlight in a year than a flat one, a north-facing one less. See it on every roof of the district.</source>
        <translation>日本では正午の太陽は南にあります。南に傾いた屋根は陸屋根より一年間に多くの日射を受け、北向きの屋根は少なくなります。地区のすべての屋根で確かめましょう。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="93"/>
        <source>4. Why is it windy near tall buildings?</source>
        <translation>4. 高いビルのそばはなぜ風が強い？</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="93"/>
        <source>Air that hits a tall building goes around and over it: it speeds up at the corners (red) and is calm behind it (blue).</source>
        <translation>高いビルに当たった空気は横と上を回り込みます。角では速くなり（赤）、ビルの後ろでは弱くなります（青）。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="115"/>
        <source>5. Who is stopped by a step?</source>
        <translation>5. 段差で止まるのは誰？</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="115"/>
        <source>A 5 cm kerb is nothing for a walker but stops a wheelchair. See which streets of the district a wheelchair user can use.</source>
        <translation>5 cm の段差は歩行者には何でもありませんが、車いすは止まってしまいます。車いすの人が通れる道を確かめましょう。</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="56"/>
        <source>1. District</source>
        <translation>1. 地区</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="59"/>
        <source>Building footprints with a &apos;height&apos; field (from Load PLATEAU CityGML)</source>
        <translation>'height' フィールドを持つ建物外形（PLATEAU CityGML の読み込みの出力）</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="64"/>
        <source>LOD2 roof surfaces (optional): pitched roofs then cast and receive right</source>
        <translation>LOD2 屋根面（任意）：勾配屋根の影と日射が正しくなります</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="67"/>
        <source>Roofs (LOD2)</source>
        <translation>屋根 (LOD2)</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="70"/>
        <source>Sample district</source>
        <translation>サンプル地区</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="75"/>
        <source>2. Analysis</source>
        <translation>2. 分析</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="84"/>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="85"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="94"/>
        <source>Report…</source>
        <translation>レポート…</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="95"/>
        <source>Lesson mode</source>
        <translation>学習モード</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="103"/>
        <source>Next step</source>
        <translation>次へ</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="182"/>
        <source>Load a district first (the sample, a CityGML file or the catalog).</source>
        <translation>先に地区を読み込んでください（サンプル、CityGML ファイル、カタログ）。</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="189"/>
        <source>Running {}…</source>
        <translation>{} を実行しています…</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="208"/>
        <source>{} did not finish: see the log panel (Processing).</source>
        <translation>{} は完了しませんでした。ログパネル（Processing）を確認してください。</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="214"/>
        <source>{} done: {} layer(s) added.</source>
        <translation>{} が完了しました：{} 個のレイヤを追加しました。</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="269"/>
        <source>Run an analysis first.</source>
        <translation>先に分析を実行してください。</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="272"/>
        <source>Report</source>
        <translation>レポート</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="278"/>
        <source>Urban Twin Workbench report</source>
        <translation>Urban Twin ワークベンチ レポート</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="282"/>
        <source>Report written: {}</source>
        <translation>レポートを書き出しました：{}</translation>
    </message>
    <message>
        <location filename="../plugin/workbench_dock.py" line="296"/>
        <source>Press Run.</source>
        <translation>「実行」を押してください。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="39"/>
        <source>Casts the shadow of every building on a horizontal plane PLANE_HEIGHT metres above its ground at one date and time (TIME as HH:MM, true solar time or clock time in Asia/Tokyo), or on the DEM where one is given. OUTPUT: one polygon per building with the id of the building that casts it; UNION: all of them merged. LOD2 roofs (ROOFS) make pitched roofs cast their real outline. The sun position comes from pvlib&apos;s SPA.</source>
        <translation>指定した日時（TIME は HH:MM、真太陽時または日本標準時）に、各建物が地盤面から PLANE_HEIGHT メートルの水平面（DEM があれば地形の上）に落とす影を求めます。OUTPUT：建物ごとの影のポリゴン（影を落とす建物の ID 付き）、UNION：それらを結合したもの。LOD2 屋根面（ROOFS）を与えると勾配屋根の形状どおりの影になります。太陽位置は pvlib の SPA で計算します。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="222"/>
        <source>The rose&apos;s speeds are</source>
        <translation>風配の風速の種類</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="224"/>
        <source>Gust factor (Murakami)</source>
        <translation>ガストファクター(村上)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="107"/>
        <source>A diagnostic urban wind model of the Röckle family (as QUIC-URB and UMEP URock): an inflow profile over the district's roughness, empirical zones around every building (upwind displacement, rooftop recirculation, lee cavity and wake, street canyons), then a mass-consistent, divergence-free adjustment. For the wind from DIRECTION (degrees from north) at REF_SPEED and REF_HEIGHT: the speed and the ratio to the undisturbed speed at PED_HEIGHT as rasters, arrows, the district's morphometry (plan and frontal area index, roughness length and displacement height, Macdonald 1998) and a 3D preview. With a DEM the terrain is solid too, and every height counts from the local ground. It is not CFD: see the README for what it can and cannot show.</source>
        <translation>Röckle 系の診断型都市風モデル（QUIC-URB や UMEP URock と同系統）：地区の粗度に応じた流入風速分布、各建物まわりの経験的な領域（風上の減速域、屋上の循環域、風下のキャビティと後流、街路キャニオン）を与え、質量保存（発散ゼロ）となるよう調整します。DIRECTION（北から時計回りの風向、風が吹いてくる方向）、REF_SPEED と REF_HEIGHT の風について、PED_HEIGHT での風速と、同じ高さの乱されない風速との比（風速比）をラスタで、風向の矢印、地区の形態指標（建蔽率・前面面積率・粗度長・ゼロ面変位、Macdonald 1998）、3D プレビューを出力します。DEM を与えると地形も固体として扱い、高さはすべて各地点の地表から測ります。CFD ではありません。表現できること・できないことは README を参照してください。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="31"/>
        <source>Wheelchair (manual)</source>
        <translation>車いす（手動）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="32"/>
        <source>Wheelchair (electric)</source>
        <translation>車いす（電動）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="33"/>
        <source>Stroller</source>
        <translation>ベビーカー</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="33"/>
        <source>Visually impaired</source>
        <translation>視覚障害者</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="34"/>
        <source>Elderly with a cane</source>
        <translation>高齢者（杖）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="35"/>
        <source>Unimpeded walker</source>
        <translation>歩行者（制約なし）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="36"/>
        <source>Custom (profile JSON file)</source>
        <translation>ユーザー定義（プロファイル JSON ファイル）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/base.py" line="110"/>
        <source>Drawing the 3D picture…</source>
        <translation>3D 画像を描画しています…</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/base.py" line="114"/>
        <source>No 3D picture: {}</source>
        <translation>3D 画像はありません：{}</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="153"/>
        <source>Loading the sample district…</source>
        <translation>サンプル地区を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="158"/>
        <source>The sample district could not be loaded: see the log panel (Processing).</source>
        <translation>サンプル地区を読み込めませんでした。ログパネル（Processing）を確認してください。</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="162"/>
        <source>Sample buildings</source>
        <translation>サンプルの建物</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="163"/>
        <source>Sample roofs (LOD2)</source>
        <translation>サンプルの屋根 (LOD2)</translation>
    </message>
    <message>
        <location filename="../plugin/preview_dock.py" line="53"/>
        <source>Turn and zoom the buildings and the result in a window of its own</source>
        <translation>建物と結果を別ウィンドウで回転・拡大して見ます</translation>
    </message>
    <message>
        <location filename="../plugin/preview_dock.py" line="93"/>
        <source>Opening the interactive 3D view…</source>
        <translation>対話的な 3D 表示を開いています…</translation>
    </message>
    <message>
        <location filename="../plugin/preview_dock.py" line="112"/>
        <source>The interactive 3D view is open in its own window: drag to turn, scroll to zoom.</source>
        <translation>対話的な 3D 表示を別ウィンドウで開きました。ドラッグで回転、スクロールで拡大・縮小します。</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="59"/>
        <source>Site boundary</source>
        <translation>敷地境界線</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="58"/>
        <source>5 m line</source>
        <translation>5 m ライン</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="58"/>
        <source>10 m line</source>
        <translation>10 m ライン</translation>
    </message>
    <message>
        <location filename="../plugin/styles.py" line="112"/>
        <source>limit</source>
        <translation>規制</translation>
    </message>
    <message>
        <location filename="../plugin/workbench.py" line="57"/>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location filename="../plugin/workbench.py" line="57"/>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="192"/>
        <source>The zone&apos;s limits on the 5 m and 10 m lines</source>
        <translation>区域の 5 m ラインと 10 m ラインでの規制時間</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="192"/>
        <source>Measuring height</source>
        <translation>測定面の高さ</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="192"/>
        <source>The zone&apos;s measuring plane above the average ground</source>
        <translation>平均地盤面からの区域の測定面の高さ</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="115"/>
        <source>Who walks</source>
        <translation>利用者</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/barrierfree.py" line="115"/>
        <source>The limits of slope, step and width follow this user&apos;s needs</source>
        <translation>勾配・段差・幅員の限界値をこの利用者に合わせます</translation>
    </message>
    <message>
        <location filename="../plugin/workbench.py" line="43"/>
        <source>Shadow regulation — verdict</source>
        <translation>日影規制 — 判定</translation>
    </message>
    <message>
        <location filename="../plugin/workbench.py" line="53"/>
        <source>{}: complies ({:.2f} h ≤ {:g} h)</source>
        <translation>{}：適合（{:.2f} 時間 ≤ {:g} 時間）</translation>
    </message>
    <message>
        <location filename="../plugin/workbench.py" line="55"/>
        <source>{}: exceeds by {:.2f} h ({:.2f} h &gt; {:g} h)</source>
        <translation>{}：{:.2f} 時間超過（{:.2f} 時間 &gt; {:g} 時間）</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="54"/>
        <source>passable</source>
        <translation>通行可</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="54"/>
        <source>caution</source>
        <translation>要注意</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="55"/>
        <source>impassable</source>
        <translation>通行不可</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="55"/>
        <source>step</source>
        <translation>段差</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="56"/>
        <source>pinch point</source>
        <translation>狭あい箇所</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="57"/>
        <source>stairs without an alternative</source>
        <translation>迂回路のない階段</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="43"/>
        <source>CityGML or PLATEAU dataset zip (*.gml *.xml *.zip);;All files and folders (*)</source>
        <translation>CityGML または PLATEAU データセット zip (*.gml *.xml *.zip);;すべてのファイルとフォルダ (*)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="50"/>
        <source>Extent (read only the mesh tiles that meet it)</source>
        <translation>範囲（重なるメッシュのファイルのみ読み込む）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="75"/>
        <source>{} buildings left out (no footprint or no plausible height): {}</source>
        <translation>{} 棟を除外しました（フットプリントがない、または妥当な高さがない）：{}</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="96"/>
        <source>The extent&apos;s CRS must be an EPSG CRS.</source>
        <translation>範囲の座標参照系は EPSG の座標参照系である必要があります。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="49"/>
        <source>Irradiation of every roof surface (LOD2 roofs from ROOFS where given, flat roofs from the footprints elsewhere) through a typical year, hour by hour, sampled every CELL_SIZE metres, with the beam blocked by buildings and terrain and the sky diffuse reduced by the obstructed sky view (Perez transposition, pvlib). WEATHER: an EPW or TMY3 file; without one, pvlib&apos;s clear sky scaled to the JMA normals 1991-2020 of the nearest station measuring solar radiation (named in WEATHER_USED and the log). PV: usable area (edge setback, minimum patch, surfaces under MIN_FRACTION of the best roof excluded), kWp, annual kWh (PVWatts with losses and cell temperature), CO2 avoided and a class (high / good / unsuitable) per roof surface and per building.</source>
        <translation>すべての屋根面（ROOFS があれば LOD2 屋根面、なければ外形からの陸屋根）の日射量を、標準年の 1 時間ごとに、CELL_SIZE メートル間隔の点で求めます。直達日射は建物と地形で遮られ、天空日射は遮られた天空率に応じて減ります（Perez モデル、pvlib）。WEATHER：EPW または TMY3 ファイル。指定がなければ、日射を観測する最寄りの気象庁観測所の平年値（1991〜2020年）に合わせて pvlib の晴天日射を補正します（観測所名は WEATHER_USED とログに表示）。太陽光発電：設置可能面積（縁からの後退、最小面積、最良の屋根の MIN_FRACTION 未満の面は除外）、設置容量 kWp、年間発電量 kWh（PVWatts、損失とセル温度を考慮）、CO2 削減量、屋根面ごと・建物ごとの適性区分（high / good / unsuitable）。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="70"/>
        <source>Weather file, EPW or TMY3 (default: normals of the nearest JMA station)</source>
        <translation>気象ファイル（EPW または TMY3、既定：最寄りの気象庁観測所の平年値）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="95"/>
        <source>Weather used</source>
        <translation>使用した気象データ</translation>
    </message>
    <message>
        <location filename="../plugin/preview_dock.py" line="83"/>
        <source>No display for an interactive 3D view (headless): showing the rendered picture.</source>
        <translation>対話的な 3D 表示に使えるディスプレイがありません（ヘッドレス）。描画済みの画像を表示します。</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="62"/>
        <source>Import…</source>
        <translation>インポート…</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="63"/>
        <source>Import a mirror exported to a folder (a USB stick): no network needed</source>
        <translation>フォルダ（USB メモリ）に書き出したミラーをインポートします。ネットワークは不要です</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="136"/>
        <source>The offline mirror is empty. Enter a CKAN catalog's address and press Sync (once, with a network), or import a mirror someone exported to a USB stick (Import…). Searching then works with no network.</source>
        <translation>オフラインのミラーは空です。CKAN カタログのアドレスを入力して「同期」を押す（ネットワークのある所で一度だけ）か、USB メモリに書き出されたミラーをインポート（インポート…）してください。その後はネットワークなしで検索できます。</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="176"/>
        <source>Exported mirror</source>
        <translation>書き出したミラー</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="179"/>
        <source>Importing the mirror</source>
        <translation>ミラーをインポートしています</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="57"/>
        <source>Urban Twin workbench: a district, an analysis, its results, 3D and a report</source>
        <translation>Urban Twin ワークベンチ：地区・分析・結果・3D・レポート</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="59"/>
        <source>Load a PLATEAU CityGML file, dataset folder or zip as building and roof layers</source>
        <translation>PLATEAU の CityGML ファイル・データセットフォルダ・zip を建物と屋根のレイヤとして読み込みます</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="62"/>
        <source>Search open-data catalogs and the offline mirror; download and add to the map</source>
        <translation>オープンデータカタログとオフラインのミラーを検索し、ダウンロードして地図に追加します</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="216"/>
        <source>The verdict is read on the 5 m and 10 m lines themselves (with arcs round the site&apos;s corners) from the exact shadow outlines every STEP_SECONDS, at points every 0.05 m; the measuring plane stands above the average ground level, taken from the DEM along the buildings&apos; outlines where one is given, else from the buildings&apos; ground_z.</source>
        <translation>判定は、5 m・10 m の規制ラインそのもの（敷地の角では円弧）の上で、0.05 m 間隔の点について、STEP_SECONDS ごとの厳密な影の輪郭から求めます。測定面は平均地盤面を基準とし、平均地盤面は DEM があれば建物外周に沿った DEM から、なければ建物の ground_z から求めます。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="250"/>
        <source>Time step on the regulation lines (seconds)</source>
        <translation>規制ライン上の時間間隔（秒）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="280"/>
        <source>Measuring plane at {:.2f} m (average ground level {:.2f} m)</source>
        <translation>測定面の高さ {:.2f} m（平均地盤面 {:.2f} m）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="283"/>
        <source>The ground along the buildings varies by {:.1f} m (more than 3 m): the law then takes the average ground level of each 3 m band separately; this check uses one average ({:.2f} m) for the whole site.</source>
        <translation>建物周囲の地盤の高低差が {:.1f} m あります（3 m 超）。この場合、法令では高低差 3 m 以内ごとに平均地盤面を求めますが、このチェックでは敷地全体で一つの平均（{:.2f} m）を用いています。</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="137"/>
        <source>the profile is not valid JSON: {}</source>
        <translation>プロファイルが正しい JSON ではありません：{}</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="145"/>
        <source>unknown profile fields: {}</source>
        <translation>プロファイルに不明な項目があります：{}</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="340"/>
        <source>the walking time must be positive</source>
        <translation>歩行時間は正の値にしてください</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="368"/>
        <source>point {} is {:.0f} m from the network (limit {:g} m)</source>
        <translation>地点 {} はネットワークから {:.0f} m 離れています（上限 {:g} m）</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="469"/>
        <source>the two points are not connected by the network at all</source>
        <translation>2 地点はネットワークでまったくつながっていません</translation>
    </message>
    <message>
        <location filename="../analyses/citygml.py" line="246"/>
        <source>a gml:posList has an srsDimension other than 2 or 3</source>
        <translation>gml:posList の srsDimension が 2 でも 3 でもありません</translation>
    </message>
    <message>
        <location filename="../analyses/citygml.py" line="759"/>
        <source>{} is truncated or corrupt XML (line {}): {}</source>
        <translation>{} は途中で切れているか壊れた XML です（{} 行目）：{}</translation>
    </message>
    <message>
        <location filename="../analyses/citygml.py" line="509"/>
        <source>the CityGML names no CRS (no srsName): cannot place it on the map</source>
        <translation>CityGML に座標参照系の指定（srsName）がないため、地図上に配置できません</translation>
    </message>
    <message>
        <location filename="../analyses/citygml.py" line="512"/>
        <source>the CityGML holds no geometry</source>
        <translation>CityGML に形状がありません</translation>
    </message>
    <message>
        <location filename="../analyses/citygml.py" line="550"/>
        <source>a gml:posList {} {}</source>
        <translation>gml:posList {} {}</translation>
    </message>
    <message>
        <location filename="../analyses/citygml.py" line="755"/>
        <source>{} is empty</source>
        <translation>{} は空です</translation>
    </message>
    <message>
        <location filename="../analyses/citygml.py" line="764"/>
        <source>{} is not CityGML: its root element is &lt;{}&gt;, not &lt;core:CityModel&gt;</source>
        <translation>{} は CityGML ではありません：ルート要素が &lt;core:CityModel&gt; ではなく &lt;{}&gt; です</translation>
    </message>
    <message>
        <location filename="../analyses/citygml.py" line="768"/>
        <source>{} is CityGML of a namespace this reader does not know ({}); it reads CityGML 1.0, 2.0 and 3.0</source>
        <translation>{} は未対応の名前空間の CityGML です（{}）。対応するのは CityGML 1.0・2.0・3.0 です</translation>
    </message>
    <message>
        <location filename="../analyses/citygml.py" line="885"/>
        <source>no buildings (bldg:Building) in {}</source>
        <translation>{} に建物（bldg:Building）がありません</translation>
    </message>
    <message>
        <location filename="../analyses/citygml.py" line="889"/>
        <source>none of the {} buildings can be analysed: {} (and others)</source>
        <translation>{} 棟のいずれも解析できません：{}（ほか）</translation>
    </message>
    <message>
        <location filename="../analyses/crs.py" line="45"/>
        <source>unknown CRS &apos;{}&apos;: expected an EPSG code such as EPSG:6697</source>
        <translation>座標参照系 '{}' が不明です。EPSG:6697 のような EPSG コードを指定してください</translation>
    </message>
    <message>
        <location filename="../analyses/crs.py" line="49"/>
        <source>unsupported CRS EPSG:{}: CityGML must be in JGD2011 geographic (EPSG:6697/6668) or a Japan Plane Rectangular zone</source>
        <translation>座標参照系 EPSG:{} には対応していません。CityGML は JGD2011 の地理座標系（EPSG:6697/6668）か平面直角座標系である必要があります</translation>
    </message>
    <message>
        <location filename="../analyses/crs.py" line="65"/>
        <source>location {:.4f}N {:.4f}E is outside Japan&apos;s plane-rectangular zones: give a CRS</source>
        <translation>北緯 {:.4f}・東経 {:.4f} は日本の平面直角座標系の範囲外です。座標参照系を指定してください</translation>
    </message>
    <message>
        <location filename="../analyses/dataset.py" line="43"/>
        <source>&apos;{}&apos; is not a standard mesh code of 4, 6 or 8 digits</source>
        <translation>'{}' は 4・6・8 桁の標準地域メッシュコードではありません</translation>
    </message>
    <message>
        <location filename="../analyses/dataset.py" line="49"/>
        <source>&apos;{}&apos; is not a standard mesh code: 2nd order digits run from 0 to 7</source>
        <translation>'{}' は標準地域メッシュコードではありません（2次メッシュの桁は 0〜7）</translation>
    </message>
    <message>
        <location filename="../analyses/dataset.py" line="70"/>
        <source>the extent {} has its minimum above its maximum</source>
        <translation>範囲 {} の最小値が最大値を上回っています</translation>
    </message>
    <message>
        <location filename="../analyses/dataset.py" line="149"/>
        <source>{} holds no CityGML (.gml) files</source>
        <translation>{} に CityGML（.gml）ファイルがありません</translation>
    </message>
    <message>
        <location filename="../analyses/dataset.py" line="98"/>
        <source>{} does not exist</source>
        <translation>{} は存在しません</translation>
    </message>
    <message>
        <location filename="../analyses/dataset.py" line="101"/>
        <source>none of the {} CityGML files of {} lies in the extent</source>
        <translation>{1} の CityGML ファイル {0} 個のうち、範囲内にあるものはありません</translation>
    </message>
    <message>
        <location filename="../analyses/dataset.py" line="128"/>
        <source>{} is not a readable zip file</source>
        <translation>{} は読み込めない zip ファイルです</translation>
    </message>
    <message>
        <location filename="../analyses/dataset.py" line="134"/>
        <source>{} holds a member with an unsafe path ({}): refused</source>
        <translation>{} に安全でないパスのファイル（{}）が含まれるため、読み込みを拒否しました</translation>
    </message>
    <message>
        <location filename="../analyses/loaders.py" line="61"/>
        <source>the text is neither UTF-8 nor Shift_JIS / CP932</source>
        <translation>テキストが UTF-8 でも Shift_JIS / CP932 でもありません</translation>
    </message>
    <message>
        <location filename="../analyses/loaders.py" line="72"/>
        <source>the CSV has no coordinate columns (looked for 緯度/経度, lat/lon, latitude/longitude among {})</source>
        <translation>CSV に座標の列がありません（{} の中から 緯度/経度、lat/lon、latitude/longitude を探しました）</translation>
    </message>
    <message>
        <location filename="../analyses/loaders.py" line="101"/>
        <source>{}: the format {} is not one this plugin opens (CSV, Shapefile zip, GeoJSON, KML, GeoPackage, GeoTIFF, CityGML, OBJ/PLY/STL/glTF)</source>
        <translation>{}：形式 {} はこのプラグインでは開けません（CSV、Shapefile の zip、GeoJSON、KML、GeoPackage、GeoTIFF、CityGML、OBJ/PLY/STL/glTF に対応）</translation>
    </message>
    <message>
        <location filename="../analyses/loaders.py" line="125"/>
        <source>{} holds no Shapefile or CityGML</source>
        <translation>{} に Shapefile も CityGML もありません</translation>
    </message>
    <message>
        <location filename="../analyses/loaders.py" line="167"/>
        <source>{} is not a readable 3D model ({})</source>
        <translation>{} は読み込める 3D モデルではありません（{}）</translation>
    </message>
    <message>
        <location filename="../analyses/loaders.py" line="172"/>
        <source>{} holds no geometry</source>
        <translation>{} に形状がありません</translation>
    </message>
    <message>
        <location filename="../analyses/massing.py" line="102"/>
        <source>the buildings layer is empty</source>
        <translation>建物レイヤが空です</translation>
    </message>
    <message>
        <location filename="../analyses/massing.py" line="104"/>
        <source>the buildings layer has no CRS</source>
        <translation>建物レイヤに座標参照系がありません</translation>
    </message>
    <message>
        <location filename="../analyses/massing.py" line="106"/>
        <source>the buildings layer is in a geographic CRS: use a projected one in metres (the plane-rectangular zone that loadcitygml gives)</source>
        <translation>建物レイヤが地理座標系です。メートル単位の投影座標系（loadcitygml が出力する平面直角座標系）を使ってください</translation>
    </message>
    <message>
        <location filename="../analyses/massing.py" line="110"/>
        <source>the buildings layer has no &apos;{}&apos; column</source>
        <translation>建物レイヤに '{}' 列がありません</translation>
    </message>
    <message>
        <location filename="../analyses/raster.py" line="58"/>
        <source>the extent holds no cell of the grid</source>
        <translation>範囲にグリッドのセルがありません</translation>
    </message>
    <message>
        <location filename="../analyses/massing.py" line="223"/>
        <source>the cell size must be positive, not {}</source>
        <translation>セルサイズは正の値にしてください（{} ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/massing.py" line="228"/>
        <source>a {} x {} grid at {} m is too large ({:.0f} million cells, limit {:.0f} million): choose a smaller extent or larger cells</source>
        <translation>{} x {} のグリッド（{} m）は大きすぎます（{:.0f} 百万セル、上限 {:.0f} 百万）。範囲を小さくするかセルを大きくしてください</translation>
    </message>
    <message>
        <location filename="../analyses/mirror.py" line="152"/>
        <source>{} is not in the mirror and there is no network</source>
        <translation>{} はミラーになく、ネットワークにも接続できません</translation>
    </message>
    <message>
        <location filename="../analyses/mirror.py" line="209"/>
        <source>dataset {} is not in the mirror</source>
        <translation>データセット {} はミラーにありません</translation>
    </message>
    <message>
        <location filename="../analyses/mirror.py" line="220"/>
        <source>resource {} is not in the mirror</source>
        <translation>リソース {} はミラーにありません</translation>
    </message>
    <message>
        <location filename="../analyses/mirror.py" line="269"/>
        <source>{} is not an exported mirror (no {})</source>
        <translation>{} は書き出したミラーではありません（{} がありません）</translation>
    </message>
    <message>
        <location filename="../analyses/nichiei.py" line="60"/>
        <source>regulation class {} is not one of 1, 2, 3</source>
        <translation>規制の種別 {} は 1・2・3 のいずれでもありません</translation>
    </message>
    <message>
        <location filename="../analyses/nichiei.py" line="102"/>
        <source>the site polygon is empty</source>
        <translation>敷地のポリゴンが空です</translation>
    </message>
    <message>
        <location filename="../analyses/nichiei.py" line="104"/>
        <source>the time step on the regulation lines must be between 0 and 600 s, not {}</source>
        <translation>規制ライン上の時間間隔は 0〜600 秒にしてください（{} ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/nichiei.py" line="108"/>
        <source>no building stands on the site</source>
        <translation>敷地上に建物がありません</translation>
    </message>
    <message>
        <location filename="../analyses/nichiei.py" line="112"/>
        <source>no building on the site is taller than the measuring plane ({} m above the average ground): nothing to check</source>
        <translation>敷地上に測定面（平均地盤面から {} m）より高い建物がないため、検討するものがありません</translation>
    </message>
    <message>
        <location filename="../analyses/poisson.py" line="239"/>
        <source>the mass-consistency solve did not converge in {} iterations</source>
        <translation>質量保存の計算が {} 回の反復で収束しませんでした</translation>
    </message>
    <message>
        <location filename="../analyses/windblocks.py" line="297"/>
        <source>the tiled mass-consistency solve did not converge in {} passes</source>
        <translation>タイル分割した質量保存の計算が {} 回のパスで収束しませんでした</translation>
    </message>
    <message>
        <location filename="../analyses/render.py" line="40"/>
        <source>cannot find a Python interpreter to draw 3D pictures with</source>
        <translation>3D 画像を描く Python インタプリタが見つかりません</translation>
    </message>
    <message>
        <location filename="../analyses/render.py" line="105"/>
        <source>the 3D picture took longer than {:.0f} s and was stopped</source>
        <translation>3D 画像の描画が {:.0f} 秒を超えたため中止しました</translation>
    </message>
    <message>
        <location filename="../analyses/render.py" line="109"/>
        <source>the 3D picture could not be drawn (exit {}): {}</source>
        <translation>3D 画像を描けませんでした（終了コード {}）：{}</translation>
    </message>
    <message>
        <location filename="../analyses/shadow.py" line="389"/>
        <source>the time needs a time zone (for example Asia/Tokyo)</source>
        <translation>時刻にはタイムゾーンが必要です（例：Asia/Tokyo）</translation>
    </message>
    <message>
        <location filename="../analyses/shadow.py" line="494"/>
        <source>the sun is below the horizon during part of the time window: shorten the window</source>
        <translation>時間帯の一部で太陽が地平線の下にあります。時間帯を短くしてください</translation>
    </message>
    <message>
        <location filename="../analyses/solar.py" line="119"/>
        <source>no roofs: the buildings have neither LOD2 roofs nor footprints with a height</source>
        <translation>屋根がありません：建物に LOD2 屋根も高さ付きの外形もありません</translation>
    </message>
    <message>
        <location filename="../analyses/sun.py" line="36"/>
        <source>times need a time zone (for example Asia/Tokyo)</source>
        <translation>時刻にはタイムゾーンが必要です（例：Asia/Tokyo）</translation>
    </message>
    <message>
        <location filename="../analyses/sun.py" line="60"/>
        <source>the time step must be positive, not {} min</source>
        <translation>時間間隔は正の値にしてください（{} 分ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/sun.py" line="63"/>
        <source>the time window {}-{} h is not a window within one day</source>
        <translation>時間帯 {}〜{} 時は一日の中の時間帯ではありません</translation>
    </message>
    <message>
        <location filename="../analyses/sun.py" line="88"/>
        <source>the sun is below the horizon at {} (elevation {:.1f}°): there is no shadow to draw</source>
        <translation>{} に太陽は地平線の下にあります（高度 {:.1f}°）。描く影はありません</translation>
    </message>
    <message>
        <location filename="../analyses/terrain.py" line="15"/>
        <source>cell size must be positive, not {}</source>
        <translation>セルサイズは正の値にしてください（{} ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/raster.py" line="147"/>
        <source>{} could not be opened as a raster</source>
        <translation>{} をラスタとして開けませんでした</translation>
    </message>
    <message>
        <location filename="../analyses/raster.py" line="151"/>
        <source>{} must be north-up with square cells</source>
        <translation>{} は北が上で正方形のセルである必要があります</translation>
    </message>
    <message>
        <location filename="../analyses/walknet.py" line="68"/>
        <source>the network has no links</source>
        <translation>ネットワークにリンクがありません</translation>
    </message>
    <message>
        <location filename="../analyses/walknet.py" line="70"/>
        <source>the network&apos;s links have no CRS</source>
        <translation>ネットワークのリンクに座標参照系がありません</translation>
    </message>
    <message>
        <location filename="../analyses/walknet.py" line="294"/>
        <source>there is neither a network nor road polygons to build one from</source>
        <translation>ネットワークも、それを作るための道路ポリゴンもありません</translation>
    </message>
    <message>
        <location filename="../analyses/walknet.py" line="302"/>
        <source>the road polygons are too narrow to find centre lines in</source>
        <translation>道路ポリゴンが狭すぎて中心線を求められません</translation>
    </message>
    <message>
        <location filename="../analyses/weather.py" line="63"/>
        <source>the weather file {} does not exist</source>
        <translation>気象ファイル {} は存在しません</translation>
    </message>
    <message>
        <location filename="../analyses/weather.py" line="76"/>
        <source>{} is not a readable EPW or TMY3 weather file ({}: {})</source>
        <translation>{} は読み込める EPW・TMY3 気象ファイルではありません（{}：{}）</translation>
    </message>
    <message>
        <location filename="../analyses/weather.py" line="81"/>
        <source>{} lacks the columns {}</source>
        <translation>{} に列 {} がありません</translation>
    </message>
    <message>
        <location filename="../analyses/weather.py" line="84"/>
        <source>{} is for {:.2f}N {:.2f}E, not for the buildings at {:.2f}N {:.2f}E</source>
        <translation>{} は北緯 {:.2f}・東経 {:.2f} のもので、建物の位置（北緯 {:.2f}・東経 {:.2f}）のものではありません</translation>
    </message>
    <message>
        <location filename="../analyses/wind.py" line="229"/>
        <source>the wind direction must be within 0-360 degrees, not {}</source>
        <translation>風向は 0〜360 度にしてください（{} ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/wind.py" line="232"/>
        <source>there are no buildings</source>
        <translation>建物がありません</translation>
    </message>
    <message>
        <location filename="../analyses/wind.py" line="334"/>
        <source>the wind domain would need about {:.1f} GB ({:.0f} million cells); the limit is {:g} GB: use cells of {:.1f} m or a smaller extent</source>
        <translation>風の計算領域には約 {:.1f} GB（{:.0f} 百万セル）が必要です。上限は {:g} GB です。{:.1f} m のセルを使うか範囲を小さくしてください</translation>
    </message>
    <message>
        <location filename="../analyses/wind.py" line="346"/>
        <source>the DEM does not cover the wind domain</source>
        <translation>DEM が風の計算領域を覆っていません</translation>
    </message>
    <message>
        <location filename="../analyses/wind.py" line="677"/>
        <source>the reference speed and height must be positive</source>
        <translation>基準風速と基準高さは正の値にしてください</translation>
    </message>
    <message>
        <location filename="../analyses/windcomfort.py" line="46"/>
        <source>a wind rose needs 16 directions</source>
        <translation>風配には 16 方位が必要です</translation>
    </message>
    <message>
        <location filename="../analyses/windcomfort.py" line="60"/>
        <source>the wind rose&apos;s frequencies are all zero</source>
        <translation>風配の出現頻度がすべて 0 です</translation>
    </message>
    <message>
        <location filename="../analyses/windcomfort.py" line="63"/>
        <source>a wind rose&apos;s statistic is one of {}, not {}</source>
        <translation>風配の統計量は {} のいずれかです（{} ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/windcomfort.py" line="86"/>
        <source>the wind rose {} is not a CSV of direction, frequency, k, c ({})</source>
        <translation>風配 {} は direction, frequency, k, c の CSV ではありません（{}）</translation>
    </message>
    <message>
        <location filename="../analyses/windcomfort.py" line="89"/>
        <source>the wind rose needs the 16 directions 0, 22.5, … 337.5</source>
        <translation>風配には 0, 22.5, … 337.5 の 16 方位が必要です</translation>
    </message>
    <message>
        <location filename="../analyses/windcomfort.py" line="278"/>
        <source>this criterion needs a rose of {}s, not of {}s</source>
        <translation>この評価基準には {} の風配が必要です（{} ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/windcomfort.py" line="286"/>
        <source>unknown comfort criterion {}: {}</source>
        <translation>不明な評価基準 {}：{}</translation>
    </message>
    <message>
        <location filename="../analyses/windcomfort.py" line="302"/>
        <source>a gust factor is at least 1, not {}</source>
        <translation>ガストファクターは 1 以上です（{} ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/windcomfort.py" line="241"/>
        <source>T. V. Lawson, London Docklands Development Corporation criteria: the speed exceeded 5 % of the time: ≤4 sitting, ≤6 standing, ≤8 strolling, ≤10 business walking, above uncomfortable; 15 m/s exceeded over 0.023 % unsafe for frail people</source>
        <translation>T. V. Lawson、ロンドン・ドックランズ開発公社（LDDC）の基準：超過確率 5 % の風速が 4 以下は座る、6 以下は立ち止まる、8 以下は散策、10 以下は通常の歩行、それを超えると不快。15 m/s の超過確率が 0.023 % を超えると弱者には危険</translation>
    </message>
    <message>
        <location filename="../analyses/windcomfort.py" line="247"/>
        <source>風工学研究所 (Wind Engineering Institute, Japan): the daily mean speed at 5 m above ground with 55 % / 95 % cumulative frequency at most 1.2 / 2.9 m/s (A, residential), 1.8 / 4.3 (B, low and mid-rise town), 2.3 / 5.6 (C, high-rise town), D beyond; figures as reproduced in Japanese environmental assessments</source>
        <translation>風工学研究所：地上 5 m の日平均風速の累積頻度 55 % / 95 % の値が 1.2 / 2.9 m/s 以下（領域 A、住宅地）、1.8 / 4.3 以下（領域 B、低中層市街地）、2.3 / 5.6 以下（領域 C、高層市街地）、それを超えると領域 D。数値は日本の環境影響評価で引用されているもの</translation>
    </message>
    <message>
        <location filename="../analyses/windcomfort.py" line="253"/>
        <source>Murakami, Iwasa and Morikawa (1983), AIJ Transactions 325: the daily maximum gust at 1.5 m (daily maximum mean x gust factor) exceeding 10 / 15 / 20 m/s on at most 10 / 0.9 / 0.08 % of days (rank 1: shopping streets in residential areas, outdoor restaurants), 22 / 3.6 / 0.6 % (rank 2: residential streets, parks), 35 / 7 / 1.5 % (rank 3: office districts), rank 4 beyond (unacceptable)</source>
        <translation>村上・岩佐・森川（1983）、日本建築学会論文報告集 325：高さ 1.5 m の日最大瞬間風速（日最大平均風速 × ガストファクター）が 10 / 15 / 20 m/s を超える日の頻度が 10 / 0.9 / 0.08 % 以下（ランク 1：住宅地の商店街、屋外レストラン）、22 / 3.6 / 0.6 % 以下（ランク 2：住宅街、公園）、35 / 7 / 1.5 % 以下（ランク 3：事務所街）、それを超えるとランク 4（不可）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="22"/>
        <source>highest (each building at its best)</source>
        <translation>最も詳細（建物ごとに最良の LOD）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="288"/>
        <source>{}, limit {} h: {} (max {:.2f} h)</source>
        <translation>{}（規制 {} 時間）：{}（最大 {:.2f} 時間）</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="60"/>
        <source>sitting</source>
        <translation>座る</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="60"/>
        <source>standing</source>
        <translation>立ち止まる</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="61"/>
        <source>strolling</source>
        <translation>散策</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="62"/>
        <source>business walking</source>
        <translation>通常の歩行</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="63"/>
        <source>uncomfortable</source>
        <translation>不快</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="64"/>
        <source>unsafe (frail)</source>
        <translation>危険（弱者）</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="65"/>
        <source>rank 1</source>
        <translation>ランク 1</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="65"/>
        <source>rank 2</source>
        <translation>ランク 2</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="66"/>
        <source>rank 3</source>
        <translation>ランク 3</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="66"/>
        <source>rank 4</source>
        <translation>ランク 4</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="67"/>
        <source>high</source>
        <translation>高い</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="67"/>
        <source>good</source>
        <translation>良い</translation>
    </message>
    <message>
        <location filename="../plugin/i18n.py" line="68"/>
        <source>unsuitable</source>
        <translation>不適</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="295"/>
        <source>{line}, limit {limit:g} h: {outcome} (max {hours:.2f} h)</source>
        <translation>{line}（規制 {limit:g} 時間）：{outcome}（最大 {hours:.2f} 時間）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/shadow.py" line="295"/>
        <source>EXCEEDS</source>
        <translation>超過</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="177"/>
        <source>Checking Urban Twin dependencies</source>
        <translation>Urban Twin の依存パッケージを確認しています</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="185"/>
        <source>Nothing to install: QGIS&apos;s Python has every package.</source>
        <translation>インストールするものはありません。QGIS の Python にすべてのパッケージがあります。</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="188"/>
        <source>Urban Twin will install these packages into {}, and nothing that QGIS&apos;s own Python already has (NumPy, SciPy, Matplotlib, GDAL, pyproj stay QGIS&apos;s):

{}

Install them now?</source>
        <translation>Urban Twin は次のパッケージを {} にインストールします。QGIS の Python にすでにあるもの（NumPy、SciPy、Matplotlib、GDAL、pyproj）はインストールせず、QGIS のものを使います。

{}

今インストールしますか？</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="82"/>
        <source>{} answered {} with an HTML page: is it a CKAN catalog?</source>
        <translation>{} は {} に HTML ページで応答しました。CKAN カタログですか？</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="85"/>
        <source>{} answered {} with something that is not JSON: is it a CKAN catalog?</source>
        <translation>{} は {} に JSON ではない内容で応答しました。CKAN カタログですか？</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="89"/>
        <source>{} answered {} without the CKAN &apos;success&apos; field</source>
        <translation>{} の {} への応答に CKAN の 'success' フィールドがありません</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="94"/>
        <source>{} refused {}: {}</source>
        <translation>{} は {} を拒否しました：{}</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="217"/>
        <source>{} answered HTTP {} {}</source>
        <translation>{} の応答は HTTP {} {} でした</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="131"/>
        <source>{} sent more than {} MB for one answer; refused</source>
        <translation>{} が 1 回の応答で {} MB を超えるデータを送ってきたため、拒否しました</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="140"/>
        <source>{} answered HTTP {} {} {} times</source>
        <translation>{} の応答は HTTP {} {} でした（{} 回）</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="143"/>
        <source>{} did not finish answering within {} s: working offline from the local mirror</source>
        <translation>{} の応答が {} 秒以内に終わりませんでした。ローカルミラーでオフライン作業します</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="147"/>
        <source>{} cut its answer short {} times: working offline from the local mirror</source>
        <translation>{} の応答が {} 回途中で切れました。ローカルミラーでオフライン作業します</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="150"/>
        <source>{} cannot be reached ({}): working offline from the local mirror</source>
        <translation>{} に接続できません（{}）。ローカルミラーでオフライン作業します</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="158"/>
        <source>{} is not an http or https address; refused</source>
        <translation>{} は http または https のアドレスではないため、拒否しました</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="220"/>
        <source>the download was canceled; {} bytes are kept and the next try resumes</source>
        <translation>ダウンロードはキャンセルされました。{} バイトを保持し、次回はその続きから再開します</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="227"/>
        <source>the download of {} stalled (less than {} KiB in {} s); {} bytes are kept and the next try resumes</source>
        <translation>{0} のダウンロードが停滞しました（{2} 秒間に {1} KiB 未満）。{3} バイトを保持し、次回はその続きから再開します</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="231"/>
        <source>the download of {} failed ({}); {} bytes are kept and the next try resumes</source>
        <translation>{} のダウンロードに失敗しました（{}）。{} バイトを保持し、次回はその続きから再開します</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="234"/>
        <source>canceled</source>
        <translation>キャンセルされました</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="395"/>
        <source>{} answered package_search with {} instead of an object with &apos;count&apos; and &apos;results&apos;</source>
        <translation>{} は package_search に 'count' と 'results' を持つオブジェクトではなく {} で応答しました</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="400"/>
        <source>{} answered package_search with a &apos;count&apos; that is not a whole number: {}</source>
        <translation>{} の package_search の応答の 'count' が整数ではありません：{}</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="404"/>
        <source>{} answered package_search with &apos;results&apos; that are not a list: {}</source>
        <translation>{} の package_search の応答の 'results' がリストではありません：{}</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="412"/>
        <source>{} answered {} with a dataset that has no id: {}</source>
        <translation>{} の {} の応答に ID のないデータセットがあります：{}</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="425"/>
        <source>{} answered {} with dataset {} whose resource is not an object: {}</source>
        <translation>{} の {} の応答で、データセット {} のリソースがオブジェクトではありません：{}</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="431"/>
        <source>{} answered {} with dataset {} whose &apos;{}&apos; is {}, which CKAN does not give</source>
        <translation>{} の {} の応答で、データセット {} の '{}' が {} です。CKAN はこのような値を返しません</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="440"/>
        <source>{} answered {} with {} instead of a list</source>
        <translation>{} は {} にリストではなく {} で応答しました</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="473"/>
        <source>{}: the catalog&apos;s hash {} uses an algorithm this plugin does not know (it knows sha256, sha1, md5 and the other SHA hashes); the file cannot be verified and is not downloaded</source>
        <translation>{}：カタログのハッシュ {} は、このプラグインが知らないアルゴリズムです（sha256、sha1、md5 とその他の SHA ハッシュに対応）。ファイルを検証できないため、ダウンロードしません</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="479"/>
        <source>{}: the catalog&apos;s hash {} is not a {} digest; the file cannot be verified and is not downloaded</source>
        <translation>{}：カタログのハッシュ {} は {} のダイジェストではありません。ファイルを検証できないため、ダウンロードしません</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="490"/>
        <source>{}: got {} bytes, the catalog says {}; the file was rejected</source>
        <translation>{}：{} バイトを受信しましたが、カタログでは {} バイトです。ファイルは破棄されました</translation>
    </message>
    <message>
        <location filename="../analyses/ckan.py" line="498"/>
        <source>{}: the {} hash does not match the catalog&apos;s; the file was rejected</source>
        <translation>{}：{} ハッシュがカタログの値と一致しません。ファイルは破棄されました</translation>
    </message>
    <message>
        <location filename="../analyses/intake.py" line="26"/>
        <source>no geometry (NULL)</source>
        <translation>ジオメトリなし（NULL）</translation>
    </message>
    <message>
        <location filename="../analyses/intake.py" line="27"/>
        <source>empty geometry</source>
        <translation>空のジオメトリ</translation>
    </message>
    <message>
        <location filename="../analyses/intake.py" line="28"/>
        <source>a vertex at infinity or NaN</source>
        <translation>無限大または NaN の頂点</translation>
    </message>
    <message>
        <location filename="../analyses/intake.py" line="29"/>
        <source>a polygon without area</source>
        <translation>面積のないポリゴン</translation>
    </message>
    <message>
        <location filename="../analyses/intake.py" line="30"/>
        <source>not a polygon</source>
        <translation>ポリゴンではない</translation>
    </message>
    <message>
        <location filename="../analyses/intake.py" line="31"/>
        <source>no height (empty or not a number)</source>
        <translation>高さなし（空または数値でない）</translation>
    </message>
    <message>
        <location filename="../analyses/intake.py" line="32"/>
        <source>height zero or negative</source>
        <translation>高さがゼロまたは負</translation>
    </message>
    <message>
        <location filename="../analyses/intake.py" line="33"/>
        <source>height above 700 m</source>
        <translation>高さが 700 m を超える</translation>
    </message>
    <message>
        <location filename="../analyses/loaders.py" line="27"/>
        <source>a coordinate that is not a number</source>
        <translation>数値でない座標</translation>
    </message>
    <message>
        <location filename="../analyses/loaders.py" line="28"/>
        <source>a coordinate off the globe (longitude beyond ±180° or latitude beyond ±90°)</source>
        <translation>地球上にない座標（経度が ±180° または緯度が ±90° を超える）</translation>
    </message>
    <message>
        <location filename="../analyses/loaders.py" line="143"/>
        <source>no row of {} has coordinates on the globe (numbers, longitude -180 to 180, latitude -90 to 90)</source>
        <translation>{} には地球上の座標（数値で、経度 -180～180、緯度 -90～90）を持つ行がありません</translation>
    </message>
    <message>
        <location filename="../analyses/massing.py" line="133"/>
        <source>none of the {} buildings has a usable geometry: {} empty or NULL, {} with a vertex at infinity or NaN, {} without area or not a polygon</source>
        <translation>{} 棟のどの建物にも使えるジオメトリがありません：空または NULL が {}、無限大または NaN の頂点を含むものが {}、面積がないかポリゴンでないものが {}</translation>
    </message>
    <message>
        <location filename="../analyses/massing.py" line="138"/>
        <source>no building has a usable &apos;{}&apos; (a number above 0 and at most {:g} m): {} have none, {} are zero or negative, {} are higher</source>
        <translation>使える「{}」（0 より大きく {:g} m 以下の数値）を持つ建物がありません：値なし {}、ゼロまたは負 {}、それより高いもの {}</translation>
    </message>
    <message>
        <location filename="../analyses/meshsize.py" line="30"/>
        <source>{}: 3D models are read as OBJ, PLY, STL, glTF or GLB, not {}</source>
        <translation>{}：3D モデルは OBJ、PLY、STL、glTF、GLB として読み込みます。{} は読み込みません</translation>
    </message>
    <message>
        <location filename="../analyses/meshsize.py" line="37"/>
        <source>{} is not a valid {} file ({})</source>
        <translation>{} は正しい {} ファイルではありません（{}）</translation>
    </message>
    <message>
        <location filename="../analyses/meshsize.py" line="42"/>
        <source>{} declares more than it holds ({} needs at least {} bytes, the file has {}): it is truncated or forged, and is not read</source>
        <translation>{} は中身より大きなサイズを宣言しています（{} には少なくとも {} バイト必要ですが、ファイルは {} バイトです）。途中で切れているか偽装されているため、読み込みません</translation>
    </message>
    <message>
        <location filename="../analyses/meshsize.py" line="150"/>
        <source>{} refers to a file outside its folder ({}): refused</source>
        <translation>{} は自身のフォルダ外のファイルを参照しています（{}）。拒否しました</translation>
    </message>
    <message>
        <location filename="../analyses/mirror.py" line="66"/>
        <source>{} is damaged or not a mirror database; move it away and sync or import again</source>
        <translation>{} は破損しているか、ミラーのデータベースではありません。別の場所へ移動してから、同期またはインポートをやり直してください</translation>
    </message>
    <message>
        <location filename="../analyses/mirror.py" line="133"/>
        <source>the sync was canceled after {} datasets; they are kept and the next sync continues from there</source>
        <translation>同期は {} 件のデータセットを取得した後でキャンセルされました。取得済みの分は保持され、次回の同期はその続きから行います</translation>
    </message>
    <message>
        <location filename="../analyses/mirror.py" line="137"/>
        <source>{} has more than {} datasets for this search, the most one sync fetches: {} were stored and the next sync continues from there</source>
        <translation>{} にはこの検索で {} 件（1 回の同期の上限）を超えるデータセットがあります。{} 件を保存しました。次回の同期はその続きから行います</translation>
    </message>
    <message>
        <location filename="../analyses/mirror.py" line="168"/>
        <source>the mirror&apos;s file {} would lie outside its files folder; refused</source>
        <translation>ミラーのファイル {} は files フォルダーの外になるため、拒否しました</translation>
    </message>
    <message>
        <location filename="../analyses/mirror.py" line="303"/>
        <source>{} holds a damaged or foreign {}; nothing was imported and the mirror is unchanged</source>
        <translation>{} の {} は破損しているか、ミラーのものではありません。何もインポートせず、ミラーは変更されていません</translation>
    </message>
    <message>
        <location filename="../analyses/mirror.py" line="349"/>
        <source>the catalog&apos;s id {} is not a plain name (it holds a path, or is too long); the mirror does not store its files</source>
        <translation>カタログの ID {} は単純な名前ではありません（パスを含むか、長すぎます）。このファイルはミラーに保存しません</translation>
    </message>
    <message>
        <location filename="../analyses/mirror.py" line="368"/>
        <source>{} is not a readable zip file; nothing was imported and the mirror is unchanged</source>
        <translation>{} は読み取れる zip ファイルではありません。何もインポートせず、ミラーは変更されていません</translation>
    </message>
    <message>
        <location filename="../analyses/raster.py" line="163"/>
        <source>{} is {} x {} cells: reading it would take {:.1f} GiB, more than the {:.0f} GiB allowed; clip it to the area studied or resample it to larger cells</source>
        <translation>{} は {} x {} セルです。読み込むには {:.1f} GiB 必要で、上限の {:.0f} GiB を超えます。対象範囲で切り抜くか、より大きなセルにリサンプルしてください</translation>
    </message>
    <message>
        <location filename="../analyses/xmlsafe.py" line="22"/>
        <source>{} declares entities or a DTD (&lt;!DOCTYPE …&gt;); PLATEAU files do not, so it is not read</source>
        <translation>{} は実体または DTD を宣言しています（&lt;!DOCTYPE …&gt;）。PLATEAU のファイルにはないものなので、読み込みません</translation>
    </message>
    <message>
        <location filename="../plugin/catalog_dock.py" line="278"/>
        <source>The catalog could not do this ({}); the details are in the QGIS message log (Urban Twin).</source>
        <translation>カタログでこの操作を実行できませんでした（{}）。詳細は QGIS のメッセージログ（Urban Twin）にあります。</translation>
    </message>
    <message>
        <location filename="../plugin/inputs.py" line="92"/>
        <source>{}: {} features used, {} skipped ({})</source>
        <translation>{}：{} 件の地物を使用、{} 件を除外（{}）</translation>
    </message>
    <message>
        <location filename="../plugin/inputs.py" line="95"/>
        <source>{}: {} features used</source>
        <translation>{}：{} 件の地物を使用</translation>
    </message>
    <message>
        <location filename="../plugin/inputs.py" line="97"/>
        <source>{}: {} self-intersecting polygons repaired (made valid: each covers the parts its outline encloses): {}</source>
        <translation>{}：自己交差したポリゴン {} 件を修復しました（有効化：輪郭が囲む部分を覆います）：{}</translation>
    </message>
    <message>
        <location filename="../plugin/inputs.py" line="101"/>
        <source>{}: {} LOD2 roof surfaces skipped (a vertex at infinity or NaN)</source>
        <translation>{}：LOD2 屋根面 {} 件を除外しました（無限大または NaN の頂点）</translation>
    </message>
    <message>
        <location filename="../plugin/inputs.py" line="130"/>
        <source>The layer {} is in {}, the buildings in {}: reproject {} to the buildings' CRS (Vector ▸ Data Management Tools ▸ Reproject Layer) and run again.</source>
        <translation>レイヤ {} は {}、建物は {} です。{} を建物の CRS に再投影して（ベクタ ▸ データ管理ツール ▸ レイヤの再投影）、もう一度実行してください。</translation>
    </message>
    <message>
        <location filename="../plugin/inputs.py" line="130"/>
        <source>an unknown CRS</source>
        <translation>不明な CRS</translation>
    </message>
    <message>
        <location filename="../plugin/inputs.py" line="135"/>
        <source>The layer {} has no usable polygon.</source>
        <translation>レイヤ {} には使えるポリゴンがありません。</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="69"/>
        <source>the profile&apos;s {} must be text, not {}</source>
        <translation>プロファイルの {} は文字列でなければなりません（{} ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="74"/>
        <source>the profile&apos;s {} must be a number, not {}</source>
        <translation>プロファイルの {} は数値でなければなりません（{} ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="78"/>
        <source>the profile&apos;s speed must be a positive number of metres a second, not {}</source>
        <translation>プロファイルの speed は正の数（m/秒）でなければなりません（{} ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="82"/>
        <source>the profile&apos;s {} must be zero or more, not {}</source>
        <translation>プロファイルの {} は 0 以上でなければなりません（{} ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="86"/>
        <source>the profile&apos;s {} must be one of passable, caution, impassable, not {}</source>
        <translation>プロファイルの {} は passable、caution、impassable のいずれかでなければなりません（{} ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="91"/>
        <source>the profile&apos;s {} must be true or false, not {}</source>
        <translation>プロファイルの {} は true または false でなければなりません（{} ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="123"/>
        <source>the profile {} is not UTF-8 text (Shift_JIS, perhaps): save it as UTF-8, as JSON files are</source>
        <translation>プロファイル {} は UTF-8 のテキストではありません（Shift_JIS かもしれません）。JSON ファイルは UTF-8 で保存してください</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="127"/>
        <source>the profile {} cannot be read: {}</source>
        <translation>プロファイル {} を読み込めません：{}</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="139"/>
        <source>the profile must be a JSON object of fields and values, not a JSON {}</source>
        <translation>プロファイルは項目と値の JSON オブジェクトでなければなりません（JSON の {} ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="342"/>
        <source>the area buffer must be a positive distance, not {}</source>
        <translation>範囲のバッファは正の距離でなければなりません（{} ではなく）</translation>
    </message>
    <message>
        <location filename="../analyses/barrierfree.py" line="409"/>
        <source>tracing the reachable area ({:.1f} x {:.1f} km) at a buffer of {:g} m would need about {:.1f} GB; the limit is {:g} GB: use a buffer of at least {:.0f} m, or fewer minutes or origins</source>
        <translation>到達範囲（{:.1f} × {:.1f} km）をバッファ {:g} m で求めるには約 {:.1f} GB 必要で、上限は {:g} GB です。バッファを {:.0f} m 以上にするか、時間や出発地を減らしてください</translation>
    </message>
    <message>
        <location filename="../analyses/weather.py" line="94"/>
        <source>{}: {} missing values (runs of up to {} hours) filled linearly from the hours either side</source>
        <translation>{}：欠測値 {} 個（最長 {} 時間の連続）を前後の時刻から線形補間しました</translation>
    </message>
    <message>
        <location filename="../analyses/weather.py" line="106"/>
        <source>{} holds {} hours, not every hour of one year: a weather file must cover a full year (8,760 hours, or 8,784 in a leap year)</source>
        <translation>{} には {} 時間分しかなく、1 年の全時間ではありません。気象ファイルは 1 年分（8,760 時間、うるう年は 8,784 時間）が必要です</translation>
    </message>
    <message>
        <location filename="../analyses/weather.py" line="125"/>
        <source>{} lacks {} for {} hours in a row from {} (missing codes or values outside {:g} to {:g}); gaps of up to {} hours are filled, longer ones are refused: complete the file from another source</source>
        <translation>{0} では {1} が {3} から {2} 時間連続して欠けています（欠測コード、または {4:g}〜{5:g} の範囲外の値）。{6} 時間までの欠測は補間しますが、それより長いものは受け付けません。別の資料でファイルを補ってください</translation>
    </message>
    <message>
        <location filename="../analyses/weather.py" line="165"/>
        <source>the nearest JMA station with solar radiation normals, {}, is {:.0f} km away: its climate may differ; give a weather file for this place</source>
        <translation>日射量の平年値がある最寄りの気象台 {} は {:.0f} km 離れています。気候が異なるかもしれません。この場所の気象ファイルを指定してください</translation>
    </message>
    <message>
        <location filename="../analyses/windcomfort.py" line="51"/>
        <source>the wind rose's row for {:g}° has k = {} and c = {}: both must be positive numbers</source>
        <translation>風配図の {:g}° の行は k = {}、c = {} です。どちらも正の数でなければなりません</translation>
    </message>
    <message>
        <location filename="../analyses/windcomfort.py" line="55"/>
        <source>the wind rose's row for {:g}° has the frequency {}: it must be zero or a positive number</source>
        <translation>風配図の {:g}° の行の頻度は {} です。0 または正の数でなければなりません</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="190"/>
        <source>Wind comfort (16 directions)</source>
        <translation>風環境評価（16 方位）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="190"/>
        <source>Lawson (LDDC), the Wind Engineering Institute&apos;s areas A-D or Murakami&apos;s ranks 1-4</source>
        <translation>Lawson（LDDC）、風工学研究所の領域 A〜D、または村上のランク 1〜4</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="190"/>
        <source>16 wind solves: larger cells keep it to minutes</source>
        <translation>16 風向を計算します。セルを大きくすると数分で終わります</translation>
    </message>
    <message>
        <location filename="../analyses/aij.py" line="93"/>
        <source>the AIJ benchmark file {} is missing</source>
        <translation>AIJ ベンチマークのファイル {} がありません</translation>
    </message>
    <message>
        <location filename="../analyses/aij.py" line="137"/>
        <source>the AIJ Case C data have no {} at {}</source>
        <translation>AIJ Case C のデータに {}（風向 {}）がありません</translation>
    </message>
    <message>
        <location filename="../analyses/citywide.py" line="499"/>
        <source>cannot reach the Dask scheduler {}: {}</source>
        <translation>Dask スケジューラ {} に接続できません：{}</translation>
    </message>
    <message>
        <location filename="../analyses/citywide.py" line="514"/>
        <source>the Dask cluster has no worker</source>
        <translation>Dask クラスタにワーカーがありません</translation>
    </message>
    <message>
        <location filename="../analyses/openfoam.py" line="92"/>
        <source>OpenFOAM was not found ({} is missing): install it (on Debian or Ubuntu: {}), or give the path of its etc/bashrc</source>
        <translation>OpenFOAM が見つかりません（{} がありません）。インストールする（Debian・Ubuntu では {}）か、OpenFOAM の etc/bashrc のパスを指定してください</translation>
    </message>
    <message>
        <location filename="../analyses/openfoam.py" line="99"/>
        <source>OpenFOAM&apos;s simpleFoam is not on the PATH after {}: install OpenFOAM (on Debian or Ubuntu: {}), or give the path of its etc/bashrc</source>
        <translation>{} を読み込んでも OpenFOAM の simpleFoam が PATH にありません。OpenFOAM をインストールする（Debian・Ubuntu では {}）か、その etc/bashrc のパスを指定してください</translation>
    </message>
    <message>
        <location filename="../analyses/openfoam.py" line="435"/>
        <source>OpenFOAM&apos;s {} failed (see {}): {}</source>
        <translation>OpenFOAM の {} が失敗しました（{} を参照）：{}</translation>
    </message>
    <message>
        <location filename="../analyses/openfoam.py" line="453"/>
        <source>the CFD mesh failed its checks (see {}): {}</source>
        <translation>CFD のメッシュがチェックに通りませんでした（{} を参照）：{}</translation>
    </message>
    <message>
        <location filename="../analyses/openfoam.py" line="500"/>
        <source>the CFD run diverged at iteration {} (see {}): try smaller cells near the buildings or fewer, simpler buildings</source>
        <translation>CFD の計算が反復 {} で発散しました（{} を参照）。建物付近のセルを小さくするか、建物を減らして単純にしてください</translation>
    </message>
    <message>
        <location filename="../analyses/openfoam.py" line="537"/>
        <source>{} holds no field OpenFOAM wrote in ASCII</source>
        <translation>{} には OpenFOAM が ASCII で書いた場がありません</translation>
    </message>
    <message>
        <location filename="../analyses/openfoam.py" line="550"/>
        <source>the CFD case {} has no results</source>
        <translation>CFD ケース {} に結果がありません</translation>
    </message>
    <message>
        <location filename="../analyses/raster.py" line="128"/>
        <source>{} could not be written</source>
        <translation>{} を書き込めませんでした</translation>
    </message>
    <message>
        <location filename="../analyses/tiles.py" line="73"/>
        <source>the tile size {} m is not a positive whole number of {} m cells</source>
        <translation>タイルサイズ {} m が {} m のセルの正の整数倍ではありません</translation>
    </message>
    <message>
        <location filename="../analyses/tiles.py" line="148"/>
        <source>the GeoPackage {} has no layer &apos;{}&apos;</source>
        <translation>GeoPackage {} にレイヤ '{}' がありません</translation>
    </message>
    <message>
        <location filename="../analyses/tiles.py" line="208"/>
        <source>a tile needs {:.1f} GB with its {:.0f} m halo and a worker has {:.1f} GB: no tile size fits; use larger cells, a later start (shorter shadows) or workers with more memory</source>
        <translation>タイル 1 枚に {:.1f} GB（ハロー {:.0f} m を含む）が必要ですが、ワーカーのメモリは {:.1f} GB です。収まるタイルサイズはありません。セルを大きくするか、開始時刻を遅らせる（影を短くする）か、メモリの多いワーカーを使ってください</translation>
    </message>
    <message>
        <location filename="../analyses/tiles.py" line="212"/>
        <source>a tile needs {:.1f} GB with its {:.0f} m halo and a worker has {:.1f} GB: use a tile size of {:.0f} m or less</source>
        <translation>タイル 1 枚に {:.1f} GB（ハロー {:.0f} m を含む）が必要ですが、ワーカーのメモリは {:.1f} GB です。タイルサイズを {:.0f} m 以下にしてください</translation>
    </message>
    <message>
        <location filename="../analyses/tilestore.py" line="115"/>
        <source>no tile of the run is finished: there is no mosaic</source>
        <translation>完了したタイルがないため、モザイクはありません</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind_cfd.py" line="17"/>
        <source>Pedestrian wind (CFD, OpenFOAM)</source>
        <translation>歩行者レベルの風（CFD、OpenFOAM）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind_cfd.py" line="18"/>
        <source>Steady RANS CFD (OpenFOAM simpleFoam, standard k-epsilon) of the wind from DIRECTION, with the same inputs and outputs as Pedestrian wind. The case is written from the buildings (STL), in a domain sized by the AIJ guideline (5H upstream, 15H downstream, 5H to the sides, 6H high), refined to CELL_SIZE near the buildings and the ground over the extent, with the same inflow profile and roughness as the diagnostic model; it runs on every core (decomposePar and mpirun; HOSTFILE for a cluster). The case folder is kept: open case.foam in ParaView. Needs OpenFOAM (on Debian or Ubuntu: sudo apt-get install openfoam; elsewhere give the path of its etc/bashrc). Expect minutes to an hour per direction: see the README.</source>
        <translation>DIRECTION から吹く風を定常 RANS の CFD（OpenFOAM の simpleFoam、標準 k-ε モデル）で計算します。入力と出力は「歩行者レベルの風」と同じです。ケースは建物（STL）から書き出され、計算領域は AIJ ガイドラインに従い（風上 5H、風下 15H、側方 5H、高さ 6H）、範囲内の建物と地面の近くを CELL_SIZE まで細分し、流入プロファイルと粗度は診断モデルと同じです。全コアで実行します（decomposePar と mpirun、クラスタでは HOSTFILE）。ケースフォルダは保存され、ParaView で case.foam を開けます。OpenFOAM が必要です（Debian・Ubuntu では sudo apt-get install openfoam、それ以外では etc/bashrc のパスを指定）。1 方向に数分から 1 時間ほどかかります。README を参照してください。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/cfd_parameters.py" line="22"/>
        <source>OpenFOAM&apos;s etc/bashrc</source>
        <translation>OpenFOAM の etc/bashrc</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/cfd_parameters.py" line="24"/>
        <source>MPI host file (a cluster; optional)</source>
        <translation>MPI ホストファイル（クラスタ用、任意）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/cfd_parameters.py" line="26"/>
        <source>MPI processes (0: every core)</source>
        <translation>MPI プロセス数（0：全コア）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/cfd_parameters.py" line="28"/>
        <source>Iterations (at most)</source>
        <translation>反復回数（上限）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/cfd_parameters.py" line="30"/>
        <source>OpenFOAM case folder (kept)</source>
        <translation>OpenFOAM ケースフォルダ（保存されます）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind_cfd.py" line="42"/>
        <source>The CFD case has flat ground: the DEM is not used</source>
        <translation>CFD ケースの地面は平坦です。DEM は使われません</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/cfd_parameters.py" line="48"/>
        <source>OpenFOAM case: {} (kept; open case.foam in ParaView)</source>
        <translation>OpenFOAM ケース：{}（保存済み。ParaView で case.foam を開けます）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind_cfd.py" line="52"/>
        <source>{} cells, {} iterations on {} cores: meshing {:.0f} s, solving {:.0f} s</source>
        <translation>{} セル、反復 {} 回（{} コア）：メッシュ生成 {:.0f} 秒、計算 {:.0f} 秒</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="42"/>
        <source>Hours in shadow on the measuring plane on the winter solstice, 8:00-16:00 true solar time.</source>
        <translation>冬至日の真太陽時 8 時〜16 時に測定面が日影になる時間。</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="43"/>
        <source>Hours in shadow per cell</source>
        <translation>セルごとの日影時間</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="43"/>
        <source>hours</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="86"/>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="29"/>
        <source>figure</source>
        <translation>指標</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="44"/>
        <source>mean hours</source>
        <translation>平均時間</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="44"/>
        <source>cells over 4 h (%)</source>
        <translation>4 時間を超えるセル (%)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="44"/>
        <source>cells in sun all day (%)</source>
        <translation>終日日が当たるセル (%)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="29"/>
        <source>value</source>
        <translation>値</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="52"/>
        <source>The buildings on the site against the shadow regulation (Building Standards Act art. 56-2).</source>
        <translation>敷地上の建物の日影規制（建築基準法第 56 条の 2）の検討。</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="55"/>
        <source>line</source>
        <translation>ライン</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="55"/>
        <source>limit (h)</source>
        <translation>規制時間 (h)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="55"/>
        <source>longest shadow (h)</source>
        <translation>最長日影時間 (h)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="56"/>
        <source>excess (h)</source>
        <translation>超過 (h)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="56"/>
        <source>reach beyond the line (m)</source>
        <translation>ラインを超える距離 (m)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="58"/>
        <source>length of line over the limit (m)</source>
        <translation>規制時間を超えるラインの長さ (m)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="58"/>
        <source>measuring plane (m)</source>
        <translation>測定面の高さ (m)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="59"/>
        <source>time step (s)</source>
        <translation>時間間隔 (s)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="61"/>
        <source>Verdict per line</source>
        <translation>ラインごとの判定</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="70"/>
        <source>Irradiation of every roof surface through a typical year, with shading, and PV potential.</source>
        <translation>標準年の各屋根面の日射量（日影を考慮）と太陽光発電ポテンシャル。</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="71"/>
        <source>Irradiation on all roofs per month (MWh)</source>
        <translation>全屋根の月別日射量 (MWh)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="73"/>
        <source>Totals</source>
        <translation>合計</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="73"/>
        <source>roof surfaces</source>
        <translation>屋根面の数</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="73"/>
        <source>usable area (m²)</source>
        <translation>設置可能面積 (m²)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="73"/>
        <source>installable kWp</source>
        <translation>設置容量 (kWp)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="73"/>
        <source>MWh a year</source>
        <translation>年間発電量 (MWh)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="73"/>
        <source>t-CO2 avoided a year</source>
        <translation>年間 CO2 削減量 (t)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="78"/>
        <source>Ten best buildings</source>
        <translation>上位 10 棟</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="84"/>
        <source>Wind speed ratio at pedestrian height (1.5 m) for one wind direction.</source>
        <translation>一つの風向についての歩行者の高さ (1.5 m) での風速比。</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="85"/>
        <source>Speed ratio per cell</source>
        <translation>セルごとの風速比</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="86"/>
        <source>mean ratio</source>
        <translation>平均風速比</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="86"/>
        <source>cells over 1.1 (%)</source>
        <translation>1.1 を超えるセル (%)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="86"/>
        <source>cells under 0.5 (%)</source>
        <translation>0.5 未満のセル (%)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="109"/>
        <source>A diagnostic model (Röckle type), not CFD: see the README for its limits.</source>
        <translation>診断型モデル（Röckle 型）であり CFD ではありません。限界は README を参照してください。</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="95"/>
        <source>Links of the pedestrian network classified for the profile, with the reasons.</source>
        <translation>利用者ごとに分類した歩行空間ネットワークのリンクとその理由。</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="96"/>
        <source>Length per class (m)</source>
        <translation>区分ごとの延長 (m)</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="104"/>
        <source>Wind comfort classes at pedestrian height from the 16 wind directions and the wind rose.</source>
        <translation>16 風向の計算と風配から求めた歩行者の高さでの風環境評価の区分。</translation>
    </message>
    <message>
        <location filename="../plugin/report_sections.py" line="106"/>
        <source>Area per class (m²)</source>
        <translation>区分ごとの面積 (m²)</translation>
    </message>
    <message>
        <location filename="../plugin/citywide_run.py" line="21"/>
        <source>Tile size for large areas (m; 0: one piece; 1000: the 1 km mesh)</source>
        <translation>広い範囲のタイルサイズ（m。0：分割しない、1000：1 km メッシュ）</translation>
    </message>
    <message>
        <location filename="../plugin/citywide_run.py" line="23"/>
        <source>Dask scheduler address (empty: a local cluster on this machine)</source>
        <translation>Dask スケジューラのアドレス（空欄：このマシンのローカルクラスタ）</translation>
    </message>
    <message>
        <location filename="../plugin/citywide_run.py" line="50"/>
        <source>{} / {} tiles, about {:.0f} s left</source>
        <translation>タイル {} / {}、残り約 {:.0f} 秒</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="164"/>
        <source>The wind solved as one problem over {} blocks: pass {}, largest divergence {:.2g} 1/s</source>
        <translation>風を {} ブロックで一つの問題として計算中：パス {}、最大発散 {:.2g} 1/s</translation>
    </message>
    <message>
        <location filename="../plugin/citywide_run.py" line="57"/>
        <source>{} tiles computed, {} already done (resumed); the index of tiles: {}</source>
        <translation>{} タイルを計算、{} タイルは完了済み（再開）。タイルの索引：{}</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/solar.py" line="162"/>
        <source>MIN_FRACTION and the classes of a tiled run are shares of the best unshaded plane here, not of the best roof; the roofs and buildings are also in {}</source>
        <translation>タイル分割した計算では、MIN_FRACTION と区分は最良の屋根ではなく、この場所で日影のない最良の面に対する割合です。屋根と建物は {} にも保存されています</translation>
    </message>
    <message>
        <location filename="../analyses/openfoam.py" line="596"/>
        <source>the CFD case {} does not cover the whole extent ({:.0f}, {:.0f} – {:.0f}, {:.0f}): run it over this extent, or choose an extent inside its domain</source>
        <translation>CFD ケース {} は範囲全体（{:.0f}, {:.0f} – {:.0f}, {:.0f}）を覆っていません。この範囲で計算し直すか、計算領域の内側の範囲を選んでください</translation>
    </message>
    <message>
        <location filename="../analyses/windcomfort.py" line="106"/>
        <source>a CFD direction is one of the 16 directions 0, 22.5, … 337.5, not {}</source>
        <translation>CFD の風向は 0, 22.5, … 337.5 の 16 風向のいずれかです（{} ではありません）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="199"/>
        <source>Runs the pedestrian wind model for 16 directions and combines the speed ratios with a wind rose (frequency and Weibull k, c per direction at the reference height: ROSE as CSV direction,frequency,k,c, or the built-in approximate Tokyo rose) into the probability of exceeding each threshold, and comfort classes under CRITERION: Lawson (LDDC, hourly means at PED_HEIGHT), the Wind Engineering Institute's areas A-D (風工学研究所, daily means at 5 m) or Murakami's ranks 1-4 (村上, daily maximum gust at PED_HEIGHT: the daily maximum mean times GUST_FACTOR). ROSE_STATISTIC says what the rose's speeds are; an hourly rose under a daily criterion is converted conservatively, with a warning. Outputs the class raster and a table of the area in each class. CFD_DIRECTIONS are solved by CFD with OpenFOAM instead (as Pedestrian wind (CFD, OpenFOAM), with its OpenFOAM parameters; one case per direction kept in CASE_FOLDER; flat ground), the rest by the diagnostic model; the DIRECTIONS table and the log say which solver gave each direction. A CFD direction takes minutes to an hour.</source>
        <translation>歩行者レベルの風モデルを 16 風向で実行し、風速比を風配（基準高さでの風向別の出現頻度とワイブル係数 k, c。ROSE に direction,frequency,k,c の CSV、または組み込みの東京の概略風配）と組み合わせて、各しきい値の超過確率と CRITERION による評価区分を求めます。Lawson（LDDC、PED_HEIGHT での 1 時間平均風速）、風工学研究所の領域 A〜D（地上 5 m の日平均風速）、村上のランク 1〜4（PED_HEIGHT での日最大瞬間風速 = 日最大平均風速 × GUST_FACTOR）。ROSE_STATISTIC は風配の風速の種類です。日単位の評価に 1 時間平均の風配を使うと安全側に換算し、警告を出します。評価区分のラスタと区分ごとの面積表を出力します。CFD_DIRECTIONS の風向は代わりに OpenFOAM による CFD で解きます（「歩行者レベルの風（CFD、OpenFOAM）」と同じ OpenFOAM のパラメータを使い、風向ごとのケースを CASE_FOLDER に保存、地面は平坦）。残りの風向は診断モデルです。どの風向をどのソルバーで解いたかは DIRECTIONS の表とログに示されます。CFD は 1 風向に数分から 1 時間かかります。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="226"/>
        <source>Directions solved by CFD (OpenFOAM; the rest diagnostic)</source>
        <translation>CFD（OpenFOAM）で解く風向（残りは診断モデル）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="236"/>
        <source>Solver per direction</source>
        <translation>風向ごとのソルバー</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="290"/>
        <source>Solvers: CFD (OpenFOAM) for {}; the diagnostic model for the other {} directions</source>
        <translation>ソルバー：{} は CFD（OpenFOAM）、残りの {} 風向は診断モデル</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="290"/>
        <source>Solvers: the diagnostic model for all 16 directions</source>
        <translation>ソルバー：16 風向すべて診断モデル</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="307"/>
        <source>The CFD directions have flat ground: only the diagnostic ones use the DEM</source>
        <translation>CFD で解く風向の地面は平坦です。DEM を使うのは診断モデルの風向だけです</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/wind.py" line="260"/>
        <source>CFD directions are not run in tiles: choose an extent of one tile, or TILE_SIZE 0, or no CFD directions</source>
        <translation>CFD で解く風向はタイル分割して実行できません。1 タイルに収まる範囲を選ぶか、TILE_SIZE を 0 にするか、CFD の風向を選ばないでください</translation>
    </message>
    <message>
        <location filename="../analyses/windblocks.py" line="144"/>
        <source>the wind solve needs {:.1f} GB for its smallest block and a worker has {:.1f} GB: use larger cells or workers with more memory</source>
        <translation>風の計算は最小のブロックに {:.1f} GB を要しますが、ワーカーのメモリは {:.1f} GB です。セルを大きくするか、メモリの多いワーカーを使ってください</translation>
    </message>
</context>
</TS>
