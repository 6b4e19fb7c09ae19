package org.yiwang.region;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yiwang.common.Public;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Public
@RequestMapping("/api/v1/regions")
@Tag(name = "regions", description = "行政区划与实施主体（公开）")
class RegionController {

    private final RegionService regions;

    RegionController(RegionService regions) {
        this.regions = regions;
    }

    @GetMapping("/{code}")
    @Operation(summary = "One region with its path from the province")
    RegionView region(@PathVariable String code) {
        return new RegionView(regions.get(code), regions.path(code));
    }

    @GetMapping("/{code}/children")
    @Operation(summary = "Child regions; code 46 is the province")
    List<Region> children(@PathVariable String code) {
        return regions.children(code);
    }

    @GetMapping("/{code}/agencies")
    @Operation(summary = "Agencies seated in this region")
    List<Agency> agencies(@PathVariable String code) {
        regions.get(code);
        return regions.agenciesIn(code);
    }

    record RegionView(Region region, List<Region> path) {
    }
}
