/** How staff get the printable check-in code out of the browser. */
export const QR_SAVE_TIP = '右键或长按图片保存后打印'
