"""North-up rasters: values on square cells, rows from the north, a CRS; windows and GeoTIFF in and out.

Every raster the analyses take or give (a DEM, hours in shadow, irradiation, wind speed and ratio, comfort
classes) is a `Raster`; the plugin reads and writes them here and nowhere else.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

import numpy as np

from .errors import QT_TRANSLATE_NOOP, UrbanTwinError

#: COG creation options: tiled, lossless and compressed (the floating-point predictor), with overviews.
COG_OPTIONS = ["COMPRESS=DEFLATE", "PREDICTOR=YES", "BLOCKSIZE=256", "OVERVIEWS=AUTO", "RESAMPLING=AVERAGE",
               "NUM_THREADS=1"]
#: The memory a raster read may take (its band as read, and as float64): 2 GiB, 16,000 x 10,000 float32 cells.
MAX_RASTER_BYTES = 2 * 2 ** 30


class NorthUpGrid:
    """What a north-up grid knows of itself: x0 (left), y0 (top), square cells, rows from the north.

    Subclasses hold the 2-D array as `values` (a field or a property).
    """

    x0: float
    y0: float
    cell: float
    values: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        """Rows and columns."""
        rows, cols = self.values.shape
        return rows, cols

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) of the cells' outer edges."""
        rows, cols = self.shape
        return self.x0, self.y0 - rows * self.cell, self.x0 + cols * self.cell, self.y0

    def cell_centres(self) -> tuple[np.ndarray, np.ndarray]:
        """Return 1-D arrays of the x of each column centre and the y of each row centre."""
        rows, cols = self.shape
        return (self.x0 + (np.arange(cols) + 0.5) * self.cell,
                self.y0 - (np.arange(rows) + 0.5) * self.cell)

    def window(self, bounds: tuple[float, float, float, float]) -> tuple[slice, slice]:
        """Row and column slices of the cells whose centres fall inside bounds."""
        xs, ys = self.cell_centres()
        cols = np.flatnonzero((xs >= bounds[0]) & (xs <= bounds[2]))
        rows = np.flatnonzero((ys >= bounds[1]) & (ys <= bounds[3]))
        if not len(cols) or not len(rows):
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "the extent holds no cell of the grid"))
        return slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)


def snap(bounds, cell: float) -> tuple[float, float, float, float]:
    """bounds grown outward to the global lattice of the cell size (whole multiples of cell)."""
    return (np.floor(bounds[0] / cell) * cell, np.floor(bounds[1] / cell) * cell,
            np.ceil(bounds[2] / cell) * cell, np.ceil(bounds[3] / cell) * cell)


@dataclass
class Raster(NorthUpGrid):
    """A north-up raster: values[row, col] at cell centres (NaN where there is none), in EPSG:epsg."""

    values: np.ndarray
    x0: float
    y0: float
    cell: float
    epsg: int

    @classmethod
    def blank(cls, bounds: tuple[float, float, float, float], cell: float, epsg: int) -> Raster:
        """NaN over bounds grown to the lattice of the cell size."""
        x0, y0, x1, y1 = snap(bounds, cell)
        shape = (max(1, round((y1 - y0) / cell)), max(1, round((x1 - x0) / cell)))
        return cls(np.full(shape, np.nan), float(x0), float(y1), cell, epsg)

    def like(self, values: np.ndarray) -> Raster:
        """Other values on the same grid."""
        return Raster(values, self.x0, self.y0, self.cell, self.epsg)

    def crop(self, bounds: tuple[float, float, float, float]) -> Raster:
        """The cells whose centres fall inside bounds."""
        rows, cols = self.window(bounds)
        return type(self)(self.values[rows, cols], self.x0 + cols.start * self.cell,
                          self.y0 - rows.start * self.cell, self.cell, self.epsg)

    def _dataset(self, driver: str, path: str, nodata: float, options: list[str] | None = None):
        """A one-band float32 GDAL dataset of this raster (NaN written as nodata), georeferenced."""
        from osgeo import gdal, osr  # GDAL's Python bindings come with QGIS and Debian

        rows, cols = self.shape
        dataset = gdal.GetDriverByName(driver).Create(path, cols, rows, 1, gdal.GDT_Float32, options=options or [])
        dataset.SetGeoTransform((self.x0, self.cell, 0.0, self.y0, 0.0, -self.cell))
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(self.epsg)
        dataset.SetProjection(srs.ExportToWkt())
        band = dataset.GetRasterBand(1)
        band.SetNoDataValue(nodata)
        band.WriteArray(np.where(np.isnan(self.values), nodata, self.values).astype(np.float32))
        return dataset

    def write(self, path: str, nodata: float = -9999.0) -> str:
        """Write as a single-band float32 GeoTIFF (tiled, deflate); NaN becomes nodata. Return path."""
        dataset = self._dataset("GTiff", path, nodata, ["COMPRESS=DEFLATE", "TILED=YES"])
        dataset.FlushCache()
        dataset = None
        return path

    def write_cog(self, path: str) -> str:
        """Write as a Cloud-Optimised GeoTIFF (tiled, lossless DEFLATE, overviews; NaN as nodata), under a
        temporary name renamed when complete, so that a half-written file never carries the final name."""
        from osgeo import gdal

        memory = self._dataset("MEM", "", float("nan"))
        folder = os.path.dirname(os.path.abspath(path))
        handle, temporary = tempfile.mkstemp(prefix=".partial-", suffix=".tif", dir=folder)
        os.close(handle)
        try:
            if gdal.GetDriverByName("COG").CreateCopy(temporary, memory, options=COG_OPTIONS) is None:
                raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "{} could not be written"), os.path.basename(path))
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.remove(temporary)
        return path

    @classmethod
    def read(cls, path: str, epsg: int | None = None, bounds: tuple[float, float, float, float] | None = None):
        """The first band of a north-up GeoTIFF (any GDAL raster) with square cells, nodata as NaN.

        epsg: the CRS to record (default: the file's). bounds: read only the cells meeting them, and one more
        all round (a tile's window of a city's DEM). A raster whose values would take more than
        MAX_RASTER_BYTES is refused before it is read.
        """
        from osgeo import gdal, osr

        dataset = gdal.Open(path)  # must outlive the band: GDAL frees the band with its dataset
        if dataset is None:
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "{} could not be opened as a raster"),
                                 os.path.basename(path))
        x0, dx, rx, y0, ry, dy = dataset.GetGeoTransform()
        if rx or ry or dy > 0 or abs(abs(dx) - abs(dy)) > 1e-6 * abs(dx):
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "{} must be north-up with square cells"),
                                 os.path.basename(path))
        band = dataset.GetRasterBand(1)
        c0, r0, c1, r1 = 0, 0, dataset.RasterXSize, dataset.RasterYSize
        if bounds is not None:
            c0 = min(max(int(np.floor((bounds[0] - x0) / dx)) - 1, 0), c1)
            c1 = min(max(int(np.ceil((bounds[2] - x0) / dx)) + 1, c0), c1)
            r0 = min(max(int(np.floor((y0 - bounds[3]) / -dy)) - 1, 0), r1)
            r1 = min(max(int(np.ceil((y0 - bounds[1]) / -dy)) + 1, r0), r1)
        # The size is the header's word: a small file may claim a million columns. Checked before reading.
        need = (c1 - c0) * (r1 - r0) * (gdal.GetDataTypeSize(band.DataType) // 8 + 8)
        if need > MAX_RASTER_BYTES:
            raise UrbanTwinError(QT_TRANSLATE_NOOP(
                "@default", "{} is {} x {} cells: reading it would take {:.1f} GiB, more than the {:.0f} GiB "
                            "allowed; clip it to the area studied or resample it to larger cells"),
                os.path.basename(path), c1 - c0, r1 - r0, need / 2 ** 30, MAX_RASTER_BYTES / 2 ** 30)
        if c1 <= c0 or r1 <= r0:   # the window misses the raster: nothing known there
            return cls(np.full((1, 1), np.nan), x0 + c0 * dx, y0 + r0 * dy, dx, epsg or 0)
        values = band.ReadAsArray(c0, r0, c1 - c0, r1 - r0).astype(np.float64)
        nodata = band.GetNoDataValue()
        if nodata is not None:
            values[values == nodata] = np.nan
        if epsg is None:
            wkt = dataset.GetProjection()
            epsg = int(osr.SpatialReference(wkt=wkt).GetAuthorityCode(None) or 0) if wkt else 0
        return cls(values, x0 + c0 * dx, y0 + r0 * dy, dx, epsg)
