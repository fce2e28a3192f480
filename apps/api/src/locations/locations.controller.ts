import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@lib/auth';
import { LocationBatchDto, LocationBatchResultDto } from './location-batch.dto';
import { LocationsService } from './locations.service';

@ApiTags('couriers')
@ApiBearerAuth()
@Controller('api/v1/couriers/me/locations')
export class LocationsController {
  constructor(private readonly locations: LocationsService) {}

  @Post()
  @HttpCode(200)
  @Roles('courier')
  @ApiOperation({
    summary: 'Send positions buffered while offline',
    description:
      'Points are stored in the order they were measured, each once, with their own timestamps. Invalid points are refused ' +
      'and listed in `refused`, the others stored; 400 when no point is valid. 409 `not_on_shift` outside a shift.',
  })
  @ApiOkResponse({ type: LocationBatchResultDto })
  ingest(@CurrentPrincipal() principal: Principal, @Body() body: LocationBatchDto): Promise<LocationBatchResultDto> {
    return this.locations.ingest(principal, body.points);
  }
}
