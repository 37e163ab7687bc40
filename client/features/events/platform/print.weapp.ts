/** How staff get the printable check-in code out of the mini-program. */
export const QR_SAVE_TIP = '长按图片保存后发送给打印店'
