import { Body, Controller, Get, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/params';
import type { CommunityOption, CursorPage, PointView, StickerView } from '@linli/domain';
import { AssignWorkerDto, CreateCommunityDto, CreateGridDto, CreatePointDto, CreateStreetDto, PointListQuery, QrQuery, SceneParam, UpdateCommunityDto, UpdateGridDto, UpdatePointDto } from './places.dto';
import { PlacesService } from './places.service';
import { SignedUrlAccess, type SignedUrl } from '../../common/signed-urls/signed-urls';
import { sniffImageType } from '../uploads/uploads.service';

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

  /** 完善资料's community picker: any signed-in person. */
  @ApiBearerAuth()
  @Get('communities')
  communities(): Promise<CommunityOption[]> {
    return this.places.communityOptions();
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('streets')
  createStreet(@CurrentUser() user: AuthUser, @Body() dto: CreateStreetDto) {
    return this.places.createStreet(user, dto);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Patch('streets/:id')
  updateStreet(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: CreateStreetDto) {
    return this.places.updateStreet(user, p.id, dto);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @Patch('communities/:id')
  updateCommunity(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: UpdateCommunityDto) {
    return this.places.updateCommunity(user, p.id, dto);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @Patch('grids/:id')
  updateGrid(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: UpdateGridDto) {
    return this.places.updateGrid(user, p.id, dto);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @Get('points')
  points(@CurrentUser() user: AuthUser, @Query() q: PointListQuery): Promise<CursorPage<PointView>> {
    return this.places.points(user, q);
  }

  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @Patch('points/:id')
  updatePoint(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Body() dto: UpdatePointDto): Promise<PointView> {
    return this.places.updatePoint(user, p.id, dto);
  }

  /** A sheet of 12 stickers with their codes as data URLs (the print page; no token in an image URL). */
  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @Get('sheet')
  sheet(@CurrentUser() user: AuthUser, @Query() q: PointListQuery, @Req() req: any): Promise<CursorPage<StickerView>> {
    return this.places.sheet(user, q, `${req.protocol}://${req.headers.host}`);
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

  /** Where the sticker's image can be loaded without the login header (an <Image>): a signed URL, valid minutes. */
  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @Get('points/:id/qrcode-url')
  qrcodeUrl(@CurrentUser() user: AuthUser, @Param() p: IdParam): Promise<SignedUrl> {
    return this.places.pointQrUrl(user, p.id);
  }

  /** With the login header, or by the signed URL from `qrcode-url`. WeChat's codes are JPEG, the offline ones PNG. */
  @ApiBearerAuth()
  @Roles('staff', 'admin')
  @SignedUrlAccess()
  @ApiProduces('image/png', 'image/jpeg')
  @Get('points/:id/qrcode.png')
  async qrcode(@CurrentUser() user: AuthUser, @Param() p: IdParam, @Query() q: QrQuery, @Req() req: any, @Res() reply: any) {
    const origin = `${req.protocol}://${req.headers.host}`;
    const png = await this.places.pointQrPng(user, p.id, origin, q.width);
    reply.header('content-type', sniffImageType(png) ?? 'image/png').header('cache-control', 'private, max-age=300').send(png);
  }
}
