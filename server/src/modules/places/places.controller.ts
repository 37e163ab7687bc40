import { Body, Controller, Get, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/params';
import { AssignWorkerDto, CreateCommunityDto, CreateGridDto, CreatePointDto, QrQuery, SceneParam } from './places.dto';
import { PlacesService } from './places.service';

@ApiTags('places')
@Controller('places')
export class PlacesController {
  constructor(private readonly places: PlacesService) {}

  @Public()
  @Get('scene/:scene')
  resolve(@Param() p: SceneParam) {
    return this.places.resolveScene(p.scene);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @Get('tree')
  tree(@CurrentUser() user: AuthUser) {
    return this.places.tree(user);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @Post('points')
  createPoint(@CurrentUser() user: AuthUser, @Body() dto: CreatePointDto) {
    return this.places.createPoint(user, dto);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('communities')
  createCommunity(@CurrentUser() user: AuthUser, @Body() dto: CreateCommunityDto) {
    return this.places.createCommunity(user, dto);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @Post('grids')
  createGrid(@CurrentUser() user: AuthUser, @Body() dto: CreateGridDto) {
    return this.places.createGrid(user, dto);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @Patch('grids/:id/worker')
  assignWorker(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: AssignWorkerDto) {
    return this.places.assignWorker(user, p.id, dto);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @ApiProduces('image/png')
  @Get('points/:id/qrcode.png')
  async qrcode(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Query() q: QrQuery, @Req() req: any, @Res() reply: any) {
    const origin = `${req.protocol}://${req.headers.host}`;
    const png = await this.places.pointQrPng(user, p.id, origin, q.width);
    reply.header('content-type', 'image/png').header('cache-control', 'private, max-age=300').send(png);
  }
}
