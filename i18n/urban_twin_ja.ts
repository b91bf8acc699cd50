<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../plugin/algorithms/base.py" line="61"/>
        <source>Canceled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="22"/>
        <source>Load PLATEAU CityGML</source>
        <translation>PLATEAU CityGML の読み込み</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="23"/>
        <source>City model</source>
        <translation>都市モデル</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="24"/>
        <source>Reads a PLATEAU CityGML file, or a dataset folder (udx/bldg/*.gml), streaming it with bounded memory. BUILDINGS: one footprint per building with its height, ground and roof heights and every attribute (code lists resolved where the dataset's codelists/ folder is present). ROOFS: LOD2 roof surfaces as 3D polygons with area, tilt and azimuth. LOD picks the levels read (highest: each building at its best). CRS defaults to the Japan Plane Rectangular zone of the data.</source>
        <translation>PLATEAU の CityGML ファイル、またはデータセットフォルダ（udx/bldg/*.gml）を、メモリ使用量を抑えて逐次読み込みます。BUILDINGS：建物ごとの外形（フットプリント）と高さ・地盤高・屋根高、およびすべての属性（データセットに codelists/ フォルダがあればコードを名称に変換）。ROOFS：LOD2 屋根面の 3D ポリゴン（面積・傾斜角・方位角付き）。LOD は読み込む詳細度（highest：建物ごとに最も詳細なもの）。座標参照系の既定はデータの位置に応じた平面直角座標系です。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="34"/>
        <source>CityGML file or PLATEAU dataset folder</source>
        <translation>CityGML ファイルまたは PLATEAU データセットフォルダ</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="34"/>
        <source>CityGML (*.gml *.xml);;All files and folders (*)</source>
        <translation>CityGML (*.gml *.xml);;すべてのファイルとフォルダ (*)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="37"/>
        <source>Level of detail</source>
        <translation>詳細度 (LOD)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="39"/>
        <source>Output CRS (default: plane-rectangular zone of the data)</source>
        <translation>出力座標参照系（既定：データの平面直角座標系）</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="41"/>
        <source>Buildings</source>
        <translation>建物</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="43"/>
        <source>Roof surfaces (LOD2)</source>
        <translation>屋根面 (LOD2)</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="56"/>
        <source>The output CRS must be a projected EPSG CRS in metres.</source>
        <translation>出力座標参照系はメートル単位の投影座標系（EPSG）を指定してください。</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="58"/>
        <source>Reading {}</source>
        <translation>{} を読み込んでいます</translation>
    </message>
    <message>
        <location filename="../plugin/algorithms/load_citygml.py" line="64"/>
        <source>{} buildings, {} LOD2 roof surfaces, CRS EPSG:{}</source>
        <translation>建物 {} 棟、LOD2 屋根面 {} 面、座標参照系 EPSG:{}</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="37"/>
        <source>Urban Twin: missing Python packages: {}</source>
        <translation>Urban Twin：不足している Python パッケージ：{}</translation>
    </message>
    <message>
        <location filename="../plugin/provider.py" line="23"/>
        <source>Urban Twin</source>
        <translation>Urban Twin</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="53"/>
        <source>Load PLATEAU CityGML…</source>
        <translation>PLATEAU CityGML を読み込む…</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="54"/>
        <source>Load the sample district</source>
        <translation>サンプル地区を読み込む</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="55"/>
        <source>Install Python dependencies…</source>
        <translation>Python 依存パッケージをインストール…</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="105"/>
        <source>Missing Python packages: {}. Use Urban Twin &gt; Install Python dependencies…</source>
        <translation>Python パッケージが不足しています：{}。「Urban Twin &gt; Python 依存パッケージをインストール…」を実行してください</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="111"/>
        <source>Installing Urban Twin dependencies</source>
        <translation>Urban Twin の依存パッケージをインストールしています</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="118"/>
        <source>Dependencies installed.</source>
        <translation>依存パッケージをインストールしました。</translation>
    </message>
</context>
</TS>